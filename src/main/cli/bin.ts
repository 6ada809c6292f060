/** Entry point of the built CLI (out/cli/spendwatch.cjs). */
import { main } from './index';

main().then((code) => {
  process.exitCode = code;
});
