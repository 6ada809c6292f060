/** Entry point of the built CLI (out/cli/spendwatch.js). */
import { main } from './index';

main().then((code) => {
  process.exitCode = code;
});
