/**
 * Imported first by the CLI's entry point. zod compiles a fast parser for each object schema the first time it
 * parses one: worth it in the long-running app, pure cost in a command that parses each file once (it was a
 * tenth of `spendwatch status`'s run). It must be set before any schema is built, hence its own module.
 */
import { config } from 'zod';

config({ jitless: true });
