/**
 * Reads and changes OpenAI's spend controls for an account or one of its projects, and keeps what it
 * learns in the SpendControlsStore at once. After each sync it checks the hard limits when due (the
 * organisation, projects it knows a limit or budget of, and projects spending this month) — at most
 * hourly, on every poll only near a limit, while one enforces, or after a spend-limit error — so polls do
 * not pay a request each. These checks never fail a sync: a failure is a warning.
 */
import { isDue } from '../../../shared/elapsed';
import { dayFromMs } from '../../../shared/dates';
import {
  centsToMicros,
  type AccountSpendControls,
  type SpendEmailAlert,
  type SpendLimit,
  type SpendScope,
} from '../../../shared/spend-controls';
import { AppError, toErrorInfo } from '../errors';
import type { HistoryStore } from '../history/history-store';
import type { Clock, EventSink, SecretVault } from '../ports';
import type { SettingsRepository, StoredAccount } from '../settings/settings';
import type { ProviderFactory } from '../sync/sync-engine';
import { requireApiKey } from '../vault/require-api-key';
import { monthSpent, projectsSpendingThisMonth } from './month-spent';
import type { SpendControlsApi } from './openai-spend-controls-api';
import { scopeEntry, type SpendControlsStore } from './spend-controls-store';
import { PROVIDERS } from '../../../shared/providers';
import { findByIdOrName, own } from '../../../shared/records';

export type SpendControlsFactory = (account: StoredAccount, apiKey: string) => SpendControlsApi;

const LIMIT_CHECK_INTERVAL_MS = 3_600_000;
/** From this share of a known limit (or while it enforces) the limit is checked on every poll. */
const LIMIT_NEAR_CHECK_PERCENT = 80;
/** Bounds the hourly checks: the organisation plus at most this many projects. */
const MAX_PROJECT_SCOPES = 20;
const SPEND_LIMIT_ERROR = /(organization|project)_spend_limit_exceeded/;

export interface ProjectRef {
  id: string;
  name: string;
}

export interface LimitReading {
  account: StoredAccount;
  project: ProjectRef | null;
  limit: SpendLimit | null;
}

export class SpendControlsService {
  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      vault: SecretVault;
      history: HistoryStore;
      store: SpendControlsStore;
      clock: Clock;
      createApi: SpendControlsFactory;
      createProvider: ProviderFactory;
      emit: EventSink;
    },
  ) {}

  /** What Spendwatch knows now, without asking OpenAI. */
  known(accountId: string): AccountSpendControls {
    return this.deps.store.read(accountId);
  }

  async getLimit(account: StoredAccount, project: ProjectRef | null): Promise<LimitReading> {
    const limit = await this.withApi(account, (api) => api.getLimit(project?.id ?? null));
    this.recordLimit(account.id, project, limit);
    return { account, project, limit };
  }

  async setLimit(account: StoredAccount, project: ProjectRef | null, cents: number): Promise<LimitReading> {
    const limit = await this.change(account, (api) => api.setLimit(project?.id ?? null, cents));
    this.recordLimit(account.id, project, limit);
    return { account, project, limit };
  }

  async removeLimit(account: StoredAccount, project: ProjectRef | null): Promise<void> {
    await this.change(account, (api) => api.removeLimit(project?.id ?? null));
    this.recordLimit(account.id, project, null);
  }

  async listEmailAlerts(account: StoredAccount, project: ProjectRef | null): Promise<SpendEmailAlert[]> {
    const alerts = await this.withApi(account, (api) => api.listEmailAlerts(project?.id ?? null));
    this.recordAlerts(account.id, project, () => alerts);
    return alerts;
  }

  async addEmailAlert(
    account: StoredAccount,
    project: ProjectRef | null,
    cents: number,
    recipients: string[],
  ): Promise<SpendEmailAlert> {
    const alert = await this.change(account, (api) => api.createEmailAlert(project?.id ?? null, cents, recipients));
    this.recordAlerts(account.id, project, (current) => (current ? [...current, alert] : null));
    return alert;
  }

  async updateEmailAlert(
    account: StoredAccount,
    project: ProjectRef | null,
    alertId: string,
    cents: number,
    recipients: string[],
  ): Promise<SpendEmailAlert> {
    const alert = await this.change(account, (api) =>
      api.updateEmailAlert(project?.id ?? null, alertId, cents, recipients),
    );
    this.recordAlerts(account.id, project, (current) => current?.map((a) => (a.id === alertId ? alert : a)) ?? null);
    return alert;
  }

  async removeEmailAlert(account: StoredAccount, project: ProjectRef | null, alertId: string): Promise<void> {
    await this.change(account, (api) => api.deleteEmailAlert(project?.id ?? null, alertId));
    this.recordAlerts(account.id, project, (current) => current?.filter((a) => a.id !== alertId) ?? null);
  }

  /** Both the limit and the email alerts of a scope, fresh from OpenAI (the settings and dashboard views). */
  async refreshScope(account: StoredAccount, project: ProjectRef | null): Promise<AccountSpendControls> {
    try {
      await this.getLimit(account, project);
      await this.listEmailAlerts(account, project);
      if (!project) {
        for (const scope of this.known(account.id).scopes.slice(0, MAX_PROJECT_SCOPES + 1)) {
          if (scope.scope === 'account') continue;
          const id = scope.scope.slice('project:'.length);
          await this.getLimit(account, { id, name: scope.name ?? id });
        }
      }
      this.deps.store.update(account.id, (doc) => {
        doc.warning = null;
      });
    } catch (error) {
      this.deps.store.update(account.id, (doc) => {
        doc.warning = toErrorInfo(error).message;
      });
    }
    return this.known(account.id);
  }

  /** A project by id or by name: from local history first, else from OpenAI's project list. */
  async resolveProject(account: StoredAccount, nameOrId: string): Promise<ProjectRef> {
    const wanted = nameOrId.trim();
    if (!wanted || wanted.length > 200) throw new AppError('invalid_input', 'Give a project name or id (proj_…).');
    const local = findByIdOrName(this.deps.history.readState(account.id).projects, wanted);
    if (local) return local;
    const looksLikeId = /^proj_[A-Za-z0-9_-]+$/.test(wanted);
    let fetched: Record<string, string> | undefined;
    try {
      fetched = await this.withApiKey(account, async (apiKey) =>
        Object.fromEntries(await this.deps.createProvider(account, apiKey).listProjects()),
      );
    } catch (error) {
      // An id needs no name to be used; a name does.
      if (!looksLikeId || (error instanceof AppError && error.code === 'keychain_unavailable')) throw error;
    }
    const remote = fetched && findByIdOrName(fetched, wanted);
    if (remote) return remote;
    // Trust an id OpenAI's list does not contain only when the list could not be read.
    if (looksLikeId && !fetched) return { id: wanted, name: wanted };
    throw new AppError(
      'not_found',
      `OpenAI has no project "${wanted}" in ${account.name}. Use its name or id (proj_…).`,
    );
  }

  /**
   * After a sync: checks each account's limits that are due. Never throws; a failure is stored as the
   * account's spend-controls warning and retried at the next due check.
   */
  async refreshAfterSync(
    results: { accountId: string; ok: boolean; error: { code: string; message: string } | null }[],
  ): Promise<void> {
    const accounts = this.deps.settings.read().accounts;
    for (const result of results) {
      const account = accounts.find((a) => a.id === result.accountId);
      const limitError = Boolean(result.error && SPEND_LIMIT_ERROR.test(result.error.message));
      if (!account || !PROVIDERS[account.provider].capabilities.spendControls || (!result.ok && !limitError)) continue;
      try {
        await this.checkDueLimits(account, limitError);
      } catch (error) {
        // Defensive: a damaged store or an unexpected error must not break the sync that called us.
        this.safeWarning(account.id, toErrorInfo(error).message);
      }
    }
  }

  private async checkDueLimits(account: StoredAccount, limitError: boolean): Promise<void> {
    const now = this.deps.clock.now();
    const today = dayFromMs(now.getTime());
    const doc = this.known(account.id);
    const state = this.deps.history.readState(account.id);
    const view = { history: this.deps.history.load(account.id).history, projectNames: state.projects };
    const budgetProjects = Object.keys(this.deps.settings.read().budgets[account.id]?.projects ?? {}).map(
      (id): SpendScope => `project:${id}`,
    );
    // Projects spending this month are checked too (hourly), so a project limit set at OpenAI is discovered.
    const spending = projectsSpendingThisMonth(view, today).map((id): SpendScope => `project:${id}`);
    const scopes = [
      ...new Set<SpendScope>(['account', ...doc.scopes.map((s) => s.scope), ...budgetProjects, ...spending]),
    ].slice(0, MAX_PROJECT_SCOPES + 1);
    const due = scopes.filter((scope) => {
      const known = doc.scopes.find((s) => s.scope === scope);
      if (!known || isDue(known.limitCheckedAt, now.getTime(), LIMIT_CHECK_INTERVAL_MS)) return true;
      if (limitError || known.limit?.enforcing) return true;
      return Boolean(
        known.limit &&
        monthSpent(view, scope, today) * 100 >= LIMIT_NEAR_CHECK_PERCENT * centsToMicros(known.limit.cents),
      );
    });
    if (!due.length) return;
    try {
      await this.withApi(account, async (api) => {
        for (const scope of due) {
          const projectId = scope === 'account' ? null : scope.slice('project:'.length);
          const project = projectId ? { id: projectId, name: own(state.projects, projectId) ?? projectId } : null;
          this.recordLimit(account.id, project, await api.getLimit(projectId), false);
        }
      });
      this.safeWarning(account.id, null);
    } catch (error) {
      // Remember the attempt, so a key without this permission is not asked again on every poll.
      this.deps.store.update(account.id, (next) => {
        for (const scope of due) {
          const entry = scopeEntry(next, scope, null);
          entry.limitCheckedAt = now.toISOString();
        }
        next.warning = `OpenAI's hard spend limit could not be checked: ${toErrorInfo(error).message}`;
      });
    }
    this.changed();
  }

  private recordLimit(accountId: string, project: ProjectRef | null, limit: SpendLimit | null, notify = true): void {
    const now = this.deps.clock.now().toISOString();
    this.deps.store.update(accountId, (doc) => {
      const entry = scopeEntry(doc, project ? `project:${project.id}` : 'account', project?.name ?? null);
      entry.limit = limit;
      entry.limitCheckedAt = now;
    });
    if (notify) this.changed();
  }

  private recordAlerts(
    accountId: string,
    project: ProjectRef | null,
    next: (current: SpendEmailAlert[] | null) => SpendEmailAlert[] | null,
  ): void {
    const now = this.deps.clock.now().toISOString();
    this.deps.store.update(accountId, (doc) => {
      const entry = scopeEntry(doc, project ? `project:${project.id}` : 'account', project?.name ?? null);
      entry.emailAlerts = next(entry.emailAlerts);
      entry.emailAlertsCheckedAt = now;
    });
    this.changed();
  }

  private safeWarning(accountId: string, warning: string | null): void {
    try {
      this.deps.store.update(accountId, (doc) => {
        doc.warning = warning;
      });
    } catch {
      // Nothing more to do: the next check tries again.
    }
  }

  /** A change: a refusal for lack of permission is remembered, so the UI can say so up front. */
  private async change<T>(account: StoredAccount, run: (api: SpendControlsApi) => Promise<T>): Promise<T> {
    try {
      const value = await this.withApi(account, run);
      this.deps.store.update(account.id, (doc) => {
        doc.readOnly = false;
      });
      return value;
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') {
        this.deps.store.update(account.id, (doc) => {
          doc.readOnly = true;
        });
        this.changed();
      }
      throw error;
    }
  }

  private withApi<T>(account: StoredAccount, run: (api: SpendControlsApi) => Promise<T>): Promise<T> {
    const provider = PROVIDERS[account.provider];
    if (!provider.capabilities.spendControls) {
      return Promise.reject(
        new AppError(
          'invalid_input',
          `${provider.name} has no spend limit or email spend alerts that Spendwatch can read or change; ${account.name} is an account of ${provider.name}. Only OpenAI accounts have them.`,
        ),
      );
    }
    return this.withApiKey(account, (apiKey) => run(this.deps.createApi(account, apiKey)));
  }

  private async withApiKey<T>(account: StoredAccount, run: (apiKey: string) => Promise<T>): Promise<T> {
    if (account.baseUrl === 'demo')
      throw new AppError('invalid_input', 'The demo organisation has no OpenAI spend controls.');
    return run(await requireApiKey(this.deps.vault, account));
  }

  private changed(): void {
    this.deps.emit('snapshotChanged', { reason: 'budget', at: this.deps.clock.now().toISOString() });
  }
}
