/**
 * The services graph: every store and service of the core, built once and wired by hand. Only composition
 * roots (createSpendwatch, and tests of the services themselves) see this graph; hosts get the use cases.
 */
import { join } from 'node:path';
import { AccountService } from '../accounts/account-service';
import { AccountViews } from '../account-views';
import { AlertEngine, ALERTS_LOCK, alertDocProblem } from '../alerts/alert-engine';
import { BillingService } from '../billing/billing-service';
import { BillingStore } from '../billing/billing-store';
import { RecoveringDocument } from '../fs/recovering-document';
import { FileStateLocks, type StateLocks } from '../fs/state-lock';
import { StateNotices } from '../fs/state-notices';
import { dataDirProblem } from '../fs/data-dir';
import { HistoryStore } from '../history/history-store';
import { settingsFile } from '../paths';
import { PaymentService } from '../payments/payment-service';
import {
  silentLogger,
  type Clock,
  type DocumentStore,
  type EventSink,
  type Logger,
  type Notifier,
  type SecretVault,
} from '../ports';
import { providerFactory } from '../providers/provider-factory';
import { JsonFileStore } from '../settings/json-file-store';
import { SETTINGS_LOCK, SettingsRepository, settingsProblem } from '../settings/settings';
import { OpenAiSpendControls } from '../spend-controls/openai-spend-controls-api';
import { SpendControlsService, type SpendControlsFactory } from '../spend-controls/spend-controls-service';
import { SpendControlsStore } from '../spend-controls/spend-controls-store';
import { nodeTimers, type Timers } from '../sync/scheduler';
import { WebhookService } from '../webhooks/webhook-service';
import { undiciWebhookPost, type WebhookPost } from '../webhooks/webhook-sender';
import { SyncEngine, type ProviderFactory, type SyncEngineOptions } from '../sync/sync-engine';
import { EventBus } from './event-bus';

export interface CoreDependencies {
  dataDir: string;
  vault: SecretVault;
  /** Writes the settings document as plain JSON to config.json in the data dir (electron-store, or a JSON file). */
  settingsStore: DocumentStore<unknown>;
  /** The user's log file (app and CLI); silent if none. */
  logger?: Logger;
  /** Cross-process locks; defaults to lock files in the data dir. */
  locks?: StateLocks;
  clock: Clock;
  /** Hears every core event (the app forwards them to its windows). */
  emit?: EventSink;
  notifier?: Notifier;
  /** Recorded invoices and support cases; defaults to billing.json in the data dir. */
  billingStore?: DocumentStore<unknown>;
  /** Where fired alerts are remembered; defaults to alerts.json in the data dir. */
  alertStore?: DocumentStore<unknown>;
  createProvider?: ProviderFactory;
  /** OpenAI's spend limit and email alerts API; defaults to the real one at the account's base URL. */
  createSpendControls?: SpendControlsFactory;
  syncOptions?: Partial<SyncEngineOptions>;
  timers?: Timers;
  /** Posts one webhook delivery; defaults to undici with a 10 s timeout. */
  postWebhook?: WebhookPost;
  /** Where this process reads webhook URLs: the keychain (default), or systemd credentials (`serve --credentials`). */
  webhookSources?: readonly ('keychain' | 'credentials')[];
}

export interface CoreServices {
  readonly deps: CoreDependencies;
  readonly clock: Clock;
  readonly vault: SecretVault;
  readonly logger: Logger;
  readonly locks: StateLocks;
  readonly events: EventBus;
  /** Damaged files found and repaired: the CLI prints them, the app shows a banner. */
  readonly notices: StateNotices;
  readonly settings: SettingsRepository;
  readonly history: HistoryStore;
  readonly views: AccountViews;
  readonly accounts: AccountService;
  readonly sync: SyncEngine;
  readonly payments: PaymentService;
  readonly spendControls: SpendControlsService;
  readonly billing: BillingService;
  readonly alerts: AlertEngine;
  readonly webhooks: WebhookService;
}

/** A shorter timeout than Costs: the limit check runs after a sync's data is saved and must not hold up its alerts for long. */
const defaultSpendControlsFactory: SpendControlsFactory = (account, apiKey) =>
  new OpenAiSpendControls({ apiKey, baseUrl: account.baseUrl, timeoutMs: 15_000 });

export function wireCore(deps: CoreDependencies): CoreServices {
  const { clock, vault, dataDir } = deps;
  const createProvider: ProviderFactory = deps.createProvider ?? providerFactory({ clock });
  const locks = deps.locks ?? new FileStateLocks(dataDir, clock);
  const logger = deps.logger ?? silentLogger;
  const events = new EventBus();
  if (deps.emit) events.on(deps.emit);
  const emit = events.emit;
  const notices = new StateNotices(clock);
  notices.onNotice((notice) => logger.warn(notice.message));
  const wideDataDir = dataDirProblem(dataDir);
  if (wideDataDir) notices.add(wideDataDir);
  const guarded = (
    path: string,
    writer: DocumentStore<unknown>,
    label: string,
    lockName: string,
    problem: (raw: unknown) => string | null,
  ) => new RecoveringDocument({ path, writer, label, lockName, problem, locks, clock, notices });

  const settings = new SettingsRepository(
    guarded(settingsFile(dataDir), deps.settingsStore, 'settings', SETTINGS_LOCK, settingsProblem),
    locks,
  );
  const history = new HistoryStore(dataDir, clock, locks, notices);
  const views = new AccountViews(history, clock);
  const accounts = new AccountService({ settings, vault, history, clock, createProvider });
  const sync = new SyncEngine({ settings, vault, history, clock, createProvider, emit, notices }, deps.syncOptions);
  const payments = new PaymentService({ settings, vault, clock });
  const spendControlsStore = new SpendControlsStore(dataDir);
  const spendControls = new SpendControlsService({
    settings,
    vault,
    history,
    store: spendControlsStore,
    clock,
    createApi: deps.createSpendControls ?? defaultSpendControlsFactory,
    createProvider,
    emit,
  });
  const billing = new BillingService({
    store: new BillingStore(deps.billingStore ?? new JsonFileStore(join(dataDir, 'billing.json'))),
    settings,
    views,
    clock,
  });
  const alertsPath = join(dataDir, 'alerts.json');
  const alerts = new AlertEngine({
    spendControls: (accountId) => spendControlsStore.read(accountId),
    store:
      deps.alertStore ??
      guarded(alertsPath, new JsonFileStore(alertsPath), 'alert history', ALERTS_LOCK, alertDocProblem),
    locks,
    settings,
    views,
    clock,
    notifier: deps.notifier,
    emit,
    // New alerts were queued for the webhooks: post them now (and retry from the outbox if that fails).
    onQueued: () => void webhooks.flush(),
    invoices: billing,
    warn: (message) => {
      logger.warn(message);
      notices.add(message);
    },
  });
  const webhooks = new WebhookService({
    settings,
    vault,
    alerts,
    clock,
    logger,
    post: deps.postWebhook ?? undiciWebhookPost(clock),
    timers: deps.timers ?? nodeTimers,
    sources: deps.webhookSources,
  });
  return {
    deps,
    clock,
    vault,
    logger,
    locks,
    events,
    notices,
    settings,
    history,
    views,
    accounts,
    sync,
    payments,
    spendControls,
    billing,
    alerts,
    webhooks,
  };
}
