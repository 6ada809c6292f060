/**
 * Spendwatch as its hosts see it: the use cases, and nothing else. The Electron app (IPC handlers, tray),
 * the CLI and the browser harness all call these same objects, so an action behaves the same whichever door
 * it comes through. The services behind them are private to the use cases; only this composition root and
 * tests of the services themselves hold the graph (wire-core.ts).
 */
import type { EventSink } from '../ports';
import { AccountLifecycle } from './account-lifecycle';
import { AfterChange } from './after-change';
import { AlertsUseCase } from './alerts-use-case';
import { BillingUseCase } from './billing-use-case';
import { Budgets } from './budgets';
import { DashboardQueries } from './dashboard-queries';
import { Insights } from './insights';
import { PaymentsUseCase } from './payments-use-case';
import { Preferences } from './preferences';
import { SpendControlsUseCase } from './spend-controls-use-case';
import { SyncUseCase } from './sync-use-case';
import { Webhooks } from './webhooks';
import { wireCore, type CoreDependencies, type CoreServices } from './wire-core';

export interface Spendwatch {
  readonly queries: DashboardQueries;
  /** Who and what spent it: breakdowns, unit prices, savings, movers. */
  readonly insights: Insights;
  readonly accounts: AccountLifecycle;
  readonly budgets: Budgets;
  readonly payments: PaymentsUseCase;
  readonly sync: SyncUseCase;
  readonly alerts: AlertsUseCase;
  readonly preferences: Preferences;
  readonly billing: BillingUseCase;
  readonly spendControls: SpendControlsUseCase;
  /** Where every alert is also posted (Slack, JSON receivers), exactly once per alert and webhook. */
  readonly webhooks: Webhooks;
  /** Listens to core events (sync progress, "the data changed"). */
  onEvent(listener: EventSink): () => void;
  /** Damaged files found and repaired: the CLI prints them, the app shows a banner. */
  readonly notices: { list: CoreServices['notices']['list']; onNotice: CoreServices['notices']['onNotice'] };
}

export function createSpendwatch(from: CoreDependencies | CoreServices): Spendwatch {
  const s: CoreServices = 'events' in from ? from : wireCore(from);
  const after = new AfterChange({ alerts: s.alerts, events: s.events, clock: s.clock });
  const sync = new SyncUseCase({ engine: s.sync, spendControls: s.spendControls, alerts: s.alerts, history: s.history, settings: s.settings, clock: s.clock, logger: s.logger, timers: s.deps.timers, webhooks: s.webhooks });
  const payments = new PaymentsUseCase({ payments: s.payments, settings: s.settings, views: s.views, clock: s.clock, after });
  return {
    queries: new DashboardQueries({ settings: s.settings, views: s.views, spendControls: s.spendControls, payments, notices: s.notices, clock: s.clock, isSyncing: (id) => sync.isSyncing(id) }),
    insights: new Insights({ settings: s.settings, views: s.views, clock: s.clock }),
    accounts: new AccountLifecycle({ accounts: s.accounts, alerts: s.alerts, payments: s.payments, billing: s.billing, vault: s.vault, after }),
    budgets: new Budgets({ settings: s.settings, accounts: s.accounts, history: s.history, after }),
    payments,
    sync,
    alerts: new AlertsUseCase({ engine: s.alerts, settings: s.settings, after }),
    preferences: new Preferences({ settings: s.settings, after }),
    billing: new BillingUseCase({ billing: s.billing, accounts: s.accounts, after }),
    spendControls: new SpendControlsUseCase({ service: s.spendControls, accounts: s.accounts, history: s.history, vault: s.vault, after }),
    webhooks: new Webhooks({ service: s.webhooks, after }),
    onEvent: (listener) => s.events.on(listener),
    notices: { list: () => s.notices.list(), onNotice: (listener) => s.notices.onNotice(listener) },
  };
}

export type { CoreDependencies, CoreServices };
