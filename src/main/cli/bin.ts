/** Entry point of the built CLI bundle (out/cli/spendwatch-cli.cjs, run through out/cli/spendwatch.cjs). */
// First: it changes how the schemas built by the other imports parse.
import './zod-without-jit';
import { main } from './index';

// `spendwatch export | head -1`: once the reader has gone, stop quietly instead of dying with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

main().then((code) => {
  process.exitCode = code;
});
