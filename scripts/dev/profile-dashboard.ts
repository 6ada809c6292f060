// Times getDashboard and its IPC validation on the bench-ui data set (a development aid).
import { performance } from 'node:perf_hooks';
import { ipcContract } from '../../src/shared/ipc-contract';
import { createNodeCore } from '../../src/main/core/compose-node';
import { FakeKeychain } from '../../test/support/fake-vault';

const dir = process.argv[2];
const core = createNodeCore({ dataDir: dir, vault: new FakeKeychain() });
for (const range of ['30d', '12m', '30d', '12m'] as const) {
  let t = performance.now();
  const view = core.getDashboard({ accountId: 'all', range, groupBy: 'project' });
  const compute = performance.now() - t;
  t = performance.now();
  ipcContract.getDashboard.output.parse(view);
  const validate = performance.now() - t;
  t = performance.now();
  const json = JSON.stringify(view);
  const serialise = performance.now() - t;
  console.log(`${range}: compute ${compute.toFixed(1)} ms, validate ${validate.toFixed(1)} ms, JSON ${serialise.toFixed(1)} ms, ${(json.length / 1024).toFixed(0)} KB`);
}
