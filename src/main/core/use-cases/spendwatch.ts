/**
 * Spendwatch as its hosts see it: the use cases, and nothing else. The Electron app (IPC handlers, tray),
 * the CLI and the browser harness all call these same objects, so an action behaves the same whichever door
 * it comes through. The services behind them are private to the use cases; only this composition root and
 * tests of the services themselves hold the graph (wire-core.ts).
 */
import type { EventSink } from '../ports';
import { AccountsUseCase } from './accounts';
import { AfterChange } from './after-change';
import { AlertsUseCase } from './alerts';
import { BillingUseCase } from './billing';
import { BudgetsUseCase } from './budgets';
import { QueriesUseCase } from './queries';
import { InsightsUseCase } from './insights';
import { PaymentsUseCase } from './payments';
import { PreferencesUseCase } from './preferences';
import { SpendControlsUseCase } from './spend-controls';
import { SyncUseCase } from './sync';
import { WebhooksUseCase } from './webhooks';
import { wireCore, type CoreDependencies, type CoreServices } from './wire-core';

export interface Spendwatch {
  readonly queries: QueriesUseCase;
  /** Who and what spent it: breakdowns, unit prices, savings, movers. */
  readonly insights: InsightsUseCase;
  readonly accounts: AccountsUseCase;
  readonly budgets: BudgetsUseCase;
  readonly payments: PaymentsUseCase;
  readonly sync: SyncUseCase;
  readonly alerts: AlertsUseCase;
  readonly preferences: PreferencesUseCase;
  readonly billing: BillingUseCase;
  readonly spendControls: SpendControlsUseCase;
  /** Where every alert is also posted (Slack, JSON receivers), exactly once per alert and webhook. */
  readonly webhooks: WebhooksUseCase;
  /** Listens to core events (sync progress, "the data changed"). */
  onEvent(listener: EventSink): () => void;
  /** Damaged files found and repaired: the CLI prints them, the app shows a banner. */
  readonly notices: { list: CoreServices['notices']['list']; onNotice: CoreServices['notices']['onNotice'] };
}

export function createSpendwatch(from: CoreDependencies | CoreServices): Spendwatch {
  const s: CoreServices = 'events' in from ? from : wireCore(from);
  const after = new AfterChange({ alerts: s.alerts, events: s.events, clock: s.clock });
  const sync = new SyncUseCase({
    engine: s.sync,
    spendControls: s.spendControls,
    alerts: s.alerts,
    history: s.history,
    settings: s.settings,
    clock: s.clock,
    logger: s.logger,
    timers: s.deps.timers,
    webhooks: s.webhooks,
  });
  const payments = new PaymentsUseCase({
    payments: s.payments,
    settings: s.settings,
    views: s.views,
    clock: s.clock,
    after,
  });
  return {
    queries: new QueriesUseCase({
      settings: s.settings,
      views: s.views,
      spendControls: s.spendControls,
      payments,
      notices: s.notices,
      clock: s.clock,
      isSyncing: (id) => sync.isSyncing(id),
    }),
    insights: new InsightsUseCase({ settings: s.settings, views: s.views, clock: s.clock }),
    accounts: new AccountsUseCase({
      accounts: s.accounts,
      alerts: s.alerts,
      payments: s.payments,
      billing: s.billing,
      vault: s.vault,
      after,
    }),
    budgets: new BudgetsUseCase({ settings: s.settings, accounts: s.accounts, history: s.history, after }),
    payments,
    sync,
    alerts: new AlertsUseCase({ engine: s.alerts, settings: s.settings, after }),
    preferences: new PreferencesUseCase({ settings: s.settings, after }),
    billing: new BillingUseCase({ billing: s.billing, accounts: s.accounts, after }),
    spendControls: new SpendControlsUseCase({
      service: s.spendControls,
      accounts: s.accounts,
      history: s.history,
      vault: s.vault,
      after,
    }),
    webhooks: new WebhooksUseCase({ service: s.webhooks, after }),
    onEvent: (listener) => s.events.on(listener),
    notices: { list: () => s.notices.list(), onNotice: (listener) => s.notices.onNotice(listener) },
  };
}

export type { CoreDependencies, CoreServices };
