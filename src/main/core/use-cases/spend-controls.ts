/**
 * OpenAI's own spend controls (hard monthly limit, email spend alerts) for an organisation or one project.
 * Each change is made at OpenAI first; what OpenAI answers is stored at once and alerts are evaluated, so the
 * dashboard, the tray and the alert centre follow. Only providers whose registry entry has the
 * `spendControls` capability have them.
 */
import { AppError } from '../errors';
import type { AccountSpendControls, SpendEmailAlert } from '../../../shared/spend-controls';
import type { AccountService } from '../accounts/account-service';
import type { HistoryStore } from '../history/history-store';
import type { SecretVault } from '../ports';
import type { StoredAccount } from '../settings/settings';
import type { LimitReading, ProjectRef, SpendControlsService } from '../spend-controls/spend-controls-service';
import type { AfterChange } from './after-change';

/** An organisation (project null) or one of its projects. */
export interface SpendScopeTarget {
  account: StoredAccount;
  project: ProjectRef | null;
  /** "Web app (Acme)" or "Acme", for messages. */
  label: string;
}

export class SpendControlsUseCase {
  constructor(
    private readonly deps: {
      service: SpendControlsService;
      accounts: AccountService;
      history: HistoryStore;
      vault: SecretVault;
      after: AfterChange;
    },
  ) {}

  /** What Spendwatch last learned (no network). */
  known(accountIdOrName: string): AccountSpendControls {
    return this.deps.service.known(this.deps.accounts.get(accountIdOrName).id);
  }

  /** A scope named by a person: the project by name or id, looked up at OpenAI when local history does not know it. */
  async findScope(accountIdOrName: string, project?: string): Promise<SpendScopeTarget> {
    // An empty project (a script's unset variable) must never widen the scope to the whole organisation:
    // a hard limit there stops every project's requests.
    if (project !== undefined && !project.trim())
      throw new AppError(
        'invalid_input',
        '--project needs a project name or id; leave it out for the whole organisation.',
      );
    const account = this.deps.accounts.get(accountIdOrName);
    await this.deps.vault.probe();
    const ref = project !== undefined ? await this.deps.service.resolveProject(account, project) : null;
    return { account, project: ref, label: ref ? `${ref.name} (${account.name})` : account.name };
  }

  /** A scope named by ids (the app's views, which only offer projects they know). */
  scopeById(accountId: string, projectId: string | null): SpendScopeTarget {
    const account = this.deps.accounts.get(accountId);
    const names = this.deps.history.readState(account.id).projects;
    const project = projectId
      ? { id: projectId, name: Object.hasOwn(names, projectId) ? names[projectId] : projectId }
      : null;
    return { account, project, label: project ? `${project.name} (${account.name})` : account.name };
  }

  /** Reads the organisation's limit and alerts (and its known projects' limits) fresh from OpenAI. */
  async refresh(accountIdOrName: string): Promise<AccountSpendControls> {
    const account = this.deps.accounts.get(accountIdOrName);
    await this.deps.service.refreshScope(account, null);
    return this.changed(account.id);
  }

  getLimit(target: SpendScopeTarget): Promise<LimitReading> {
    return this.deps.service.getLimit(target.account, target.project);
  }

  async setLimit(target: SpendScopeTarget, cents: number): Promise<LimitReading> {
    const reading = await this.deps.service.setLimit(target.account, target.project, cents);
    this.changed(target.account.id);
    return reading;
  }

  async removeLimit(target: SpendScopeTarget): Promise<AccountSpendControls> {
    await this.deps.service.removeLimit(target.account, target.project);
    return this.changed(target.account.id);
  }

  listEmailAlerts(target: SpendScopeTarget): Promise<SpendEmailAlert[]> {
    return this.deps.service.listEmailAlerts(target.account, target.project);
  }

  async addEmailAlert(target: SpendScopeTarget, cents: number, recipients: string[]): Promise<SpendEmailAlert> {
    const alert = await this.deps.service.addEmailAlert(target.account, target.project, cents, recipients);
    this.changed(target.account.id);
    return alert;
  }

  async updateEmailAlert(
    target: SpendScopeTarget,
    alertId: string,
    cents: number,
    recipients: string[],
  ): Promise<AccountSpendControls> {
    await this.deps.service.updateEmailAlert(target.account, target.project, alertId, cents, recipients);
    return this.changed(target.account.id);
  }

  async removeEmailAlert(target: SpendScopeTarget, alertId: string): Promise<AccountSpendControls> {
    await this.deps.service.removeEmailAlert(target.account, target.project, alertId);
    return this.changed(target.account.id);
  }

  private changed(accountId: string): AccountSpendControls {
    this.deps.after.evaluate('budget');
    return this.deps.service.known(accountId);
  }
}
