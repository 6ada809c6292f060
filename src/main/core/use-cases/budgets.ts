/**
 * BudgetsUseCase: an account's monthly (and daily) budget with its alert thresholds, and per-project budgets inside
 * it. Every change is one read-modify-write under the settings lock (a concurrent change from another
 * process is never lost), then alerts are evaluated at once: a lowered budget may already be crossed.
 */
import {
  budgetInputSchema,
  DEFAULT_THRESHOLDS,
  type Alert,
  type Budget,
  type BudgetInput,
} from '../../../shared/domain';
import { PROVIDERS } from '../../../shared/providers';
import { findByIdOrName } from '../../../shared/records';
import type { AccountService } from '../accounts/account-service';
import { AppError } from '../errors';
import type { HistoryStore } from '../history/history-store';
import type { SettingsRepository, StoredAccount } from '../settings/settings';
import type { AfterChange } from './after-change';

export interface BudgetChange {
  accountId: string;
  accountName: string;
  budget: Budget | null;
  /** Alerts the change raised. */
  alerts: Alert[];
}

/** A budget as given, validated: a bad one is a clear invalid_input error and changes nothing. */
function parseBudget(input: BudgetInput): Budget {
  const parsed = budgetInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    'invalid_input',
    `Budget ${issue?.path.join('.') || ''}: ${(issue?.message ?? 'invalid').replace(/\.$/, '')}.`.replace(' : ', ': '),
  );
}

export class BudgetsUseCase {
  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      accounts: AccountService;
      history: HistoryStore;
      after: AfterChange;
    },
  ) {}

  /** Every account with its budget (null if none). */
  list(): { accountId: string; accountName: string; budget: Budget | null }[] {
    const budgets = this.deps.settings.read().budgets;
    return this.deps.accounts
      .list()
      .map((a) => ({ accountId: a.id, accountName: a.name, budget: budgets[a.id] ?? null }));
  }

  /** Stores (or with null removes) an account's whole budget. */
  set(accountIdOrName: string, input: BudgetInput | null): BudgetChange {
    return this.update(accountIdOrName, () => input);
  }

  /** The account's monthly budget; thresholds, daily budget and project budgets are kept unless given. */
  setMonthly(
    accountIdOrName: string,
    change: { monthlyMicros: number; thresholds?: number[]; dailyMicros?: number },
  ): BudgetChange {
    return this.update(accountIdOrName, (current) => ({
      monthlyMicros: change.monthlyMicros,
      thresholds: change.thresholds ?? current?.thresholds ?? DEFAULT_THRESHOLDS,
      dailyMicros: change.dailyMicros ?? current?.dailyMicros ?? null,
      projects: current?.projects ?? {},
    }));
  }

  /** A project's monthly budget, by project id or by the name the provider reports; the account needs a budget first. */
  setProject(accountIdOrName: string, project: string, monthlyMicros: number): BudgetChange & { projectId: string } {
    const account = this.deps.accounts.get(accountIdOrName);
    const projectId = this.resolveProject(account, project);
    const change = this.update(account.id, (current) => {
      if (!current)
        throw new AppError(
          'invalid_input',
          `Set ${account.name}'s monthly budget first: spendwatch budget set --account "${account.name}" --monthly <usd>`,
        );
      return { ...current, projects: { ...current.projects, [projectId]: monthlyMicros } };
    });
    return { ...change, projectId };
  }

  /** Removes the account's budget, or with `project` only that project's. */
  remove(accountIdOrName: string, project?: string): BudgetChange {
    const account = this.deps.accounts.get(accountIdOrName);
    const projectId = project === undefined ? undefined : this.resolveProject(account, project);
    return this.update(account.id, (current) => {
      if (!current) throw new AppError('not_found', `${account.name} has no budget: nothing removed.`);
      if (projectId === undefined) return null;
      if (!Object.hasOwn(current.projects, projectId))
        throw new AppError('not_found', `${account.name} has no budget for project ${project}: nothing removed.`);
      const { [projectId]: _removed, ...projects } = current.projects;
      return { ...current, projects };
    });
  }

  /**
   * Changes an account's budget from its value as stored when the settings lock is held. A change that
   * throws writes nothing.
   */
  update(accountIdOrName: string, change: (current: Budget | null) => BudgetInput | null): BudgetChange {
    const account = this.deps.accounts.get(accountIdOrName);
    let budget: Budget | null = null;
    this.deps.settings.update((s) => {
      if (!s.accounts.some((a) => a.id === account.id))
        throw new AppError('not_found', `No account named "${accountIdOrName}".`);
      const input = change(s.budgets[account.id] ?? null);
      budget = input === null ? null : parseBudget(input);
      if (budget) s.budgets[account.id] = budget;
      else delete s.budgets[account.id];
    });
    const alerts = this.deps.after.evaluate('budget');
    return { accountId: account.id, accountName: account.name, budget, alerts };
  }

  /** A project (workspace) by id, or by the name the provider reports for it (case-insensitive). */
  private resolveProject(account: StoredAccount, nameOrId: string): string {
    const known = findByIdOrName(this.deps.history.readState(account.id).projects, nameOrId);
    if (known) return known.id;
    const provider = PROVIDERS[account.provider];
    if (provider.projectIdPattern.test(nameOrId)) return nameOrId;
    // The spend outside any project has no id from the provider; the app's Settings budget it by this key.
    if (nameOrId === provider.unassignedId || nameOrId.toLowerCase() === provider.unassignedName.toLowerCase())
      return provider.unassignedId;
    throw new AppError(
      'not_found',
      `No ${provider.projectNoun} "${nameOrId.slice(0, 100)}" in this account's history. Use its id (${provider.projectIdExample}) or sync first.`,
    );
  }
}
