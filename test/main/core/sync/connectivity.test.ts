import { describe, expect, it } from 'vitest';
import { ConnectivityWatcher } from '../../../../src/main/core/sync/connectivity';

describe('connectivity watcher', () => {
  it('reports each transition once, including starting offline', () => {
    let online = false;
    const changes: boolean[] = [];
    const watcher = new ConnectivityWatcher(
      () => online,
      (o) => changes.push(o),
      60_000,
    );
    watcher.start();
    watcher.check();
    online = true;
    watcher.check();
    watcher.check();
    online = false;
    watcher.check();
    watcher.stop();
    expect(changes).toEqual([false, true, false]);
  });
});
