// A separate process that writes an account's history, for the crash and concurrency tests:
//   write-history.ts <dataDir> <accountId> <days> <rowsPerDay> <cents>
// It stages <days> days ending 2026-11-21, each of <rowsPerDay> rows of <cents> cents, prints "staged", then saves
// (one transaction) and prints "saved". The tests kill it with SIGKILL in between, or read while it saves.
import { addDays, dayRange } from '../../../../../src/shared/dates';
import { FileStateLocks } from '../../../../../src/main/core/fs/state-lock';
import { HistoryStore } from '../../../../../src/main/core/history/history-store';
import { costRow } from '../../../../support/cost-row';

const [dataDir, accountId, days, rowsPerDay, cents] = process.argv.slice(2);
const store = new HistoryStore(dataDir, { now: () => new Date('2026-11-21T12:00:00Z') }, new FileStateLocks(dataDir));
await store.withAccountLock(accountId, async () => {
  const { history } = store.load(accountId);
  for (const day of dayRange(addDays('2026-11-21', -(Number(days) - 1)), '2026-11-21')) {
    history.replaceCosts(
      new Map([
        [
          day,
          Array.from({ length: Number(rowsPerDay) }, (_, i) =>
            costRow(`proj_${i % 20}`, `item ${i}`, Number(cents) * 10_000),
          ),
        ],
      ]),
    );
  }
  process.stdout.write('staged\n');
  store.save(accountId);
  process.stdout.write('saved\n');
});
