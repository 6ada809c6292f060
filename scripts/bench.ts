// `npm run bench` (then scripts/bench-scale.ts on the mid-size organisation): the figures recorded in
// docs/contributing/performance.md (not a timed test).
//  1. dashboard aggregation over 12 months × 60 line items × 20 projects, in memory (median ms);
//  2. history write cost per poll against history length (should be flat);
//  3. HTTP requests per incremental poll against the loopback fake server (should be 1).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayRange } from '../src/shared/dates';
import {
  breakdown,
  dailySeries,
  forecast,
  monthToDate,
  type HistoryView,
} from '../src/main/core/aggregate/aggregations';
import { AccountHistory } from '../src/main/core/history/account-history';
import { HistoryStore } from '../src/main/core/history/history-store';
import type { CostRow } from '../src/main/core/history/types';
import { settingsFile } from '../src/main/core/paths';
import { OpenAiProvider } from '../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../src/main/core/settings/json-file-store';
import { createTestSpendwatch } from '../test/support/test-spendwatch';
import { FakeOpenAiServer } from '../test/fake-openai/fake-openai-server';
import { smallOrganisation } from '../test/fake-openai/organisations';
import { FakeKeychain } from '../test/support/fake-vault';
import { costRow } from '../test/support/cost-row';
import { microsToExact } from '../src/shared/money';

const TODAY = '2026-11-21';
const NANO = 10n ** 39n; // 1e-9 of a dollar in ExactAmount units (1e-48)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rowsForDay(day: string, lineItems = 60, projects = 20): CostRow[] {
  const rows: CostRow[] = [];
  const seed = Number(day.replace(/-/g, ''));
  for (let p = 0; p < projects; p++) {
    for (let l = 0; l < lineItems; l++) {
      // Like OpenAI's amounts, with digits below the micro-dollar (here nano-dollars), so sums need the exact path.
      const row = costRow(
        `proj_${p}`,
        `model-${l % 15}, ${l < 30 ? 'input' : 'output'} ${l}`,
        ((seed * 31 + p * 7 + l * 13) % 90_000) + 1,
      );
      rows.push({ ...row, amount: row.amount + BigInt((seed + p * 3 + l) % 1000) * NANO });
    }
  }
  return rows;
}

function benchAggregation(): void {
  const history = new AccountHistory();
  const days = dayRange(addDays(TODAY, -364), TODAY);
  history.loadMonth(new Map(days.map((d) => [d, rowsForDay(d)])), new Map());
  const views: HistoryView[] = [{ history, projectNames: {} }];
  const dashboard = () => {
    monthToDate(views, TODAY);
    forecast(views, TODAY);
    breakdown(views, days[0], TODAY, 'project');
    breakdown(views, days[0], TODAY, 'line_item');
    breakdown(views, days[0], TODAY, 'model');
    dailySeries(views, days[0], TODAY, 'model');
  };
  let t = performance.now();
  dashboard();
  const cold = performance.now() - t;
  const runs: number[] = [];
  for (let i = 0; i < 30; i++) {
    t = performance.now();
    dashboard();
    runs.push(performance.now() - t);
  }
  console.log(`aggregation, 365 days × 60 line items × 20 projects (${(365 * 1200).toLocaleString('en-US')} rows):`);
  console.log(
    `  first view (builds per-day summaries): ${cold.toFixed(1)} ms; median of 30 warm views: ${median(runs).toFixed(2)} ms`,
  );
}

function benchHistoryWrites(): void {
  console.log('history write per poll (the last 4 days change), against history length:');
  for (const months of [1, 3, 6, 12]) {
    const dir = mkdtempSync(join(tmpdir(), 'sw-bench-'));
    const store = new HistoryStore(dir, { now: () => new Date(`${TODAY}T12:00:00Z`) });
    const { history } = store.load('acc_bench');
    const days = dayRange(addDays(TODAY, -(months * 30 - 1)), TODAY);
    history.replaceCosts(new Map(days.map((d) => [d, rowsForDay(d, 20, 5)])));
    store.save('acc_bench');
    const runs: number[] = [];
    let files = 0;
    for (let poll = 0; poll < 15; poll++) {
      const recent = dayRange(addDays(TODAY, -3), TODAY);
      history.replaceCosts(
        new Map(
          recent.map((d) => [
            d,
            rowsForDay(d, 20, 5).map((r) => ({ ...r, amount: r.amount + microsToExact(poll + 1) })),
          ]),
        ),
      );
      const t = performance.now();
      files = store.save('acc_bench');
      runs.push(performance.now() - t);
    }
    console.log(
      `  ${String(months).padStart(2)} months of history: median ${median(runs).toFixed(2)} ms, ${files} day(s) written per poll`,
    );
  }
}

async function benchRequests(): Promise<void> {
  const key = 'sk-admin-benchbenchbenchbenchbenchbench';
  const server = new FakeOpenAiServer({ [key]: smallOrganisation(400) });
  const baseUrl = await server.start();
  const dir = mkdtempSync(join(tmpdir(), 'sw-bench-'));
  const core = createTestSpendwatch({
    dataDir: dir,
    vault: new FakeKeychain(),
    settingsStore: new JsonFileStore(settingsFile(dir)),
    clock: { now: () => new Date() },
    createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl }),
  });
  await core.accounts.add({ name: 'Bench', provider: 'openai', apiKey: key, baseUrl });
  server.clearLog();
  const first = await core.services.sync.syncAll();
  const second = await core.services.sync.syncAll();
  console.log(
    `requests: first sync (12-month backfill, costs + projects + usage) ${first.results[0].requests}; incremental poll ${second.results[0].requests}`,
  );
  server.contractViolations.length = 0;
  await server.stop();
}

benchAggregation();
benchHistoryWrites();
await benchRequests();
