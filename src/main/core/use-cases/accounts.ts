/**
 * Accounts from first key to removal. Removing is one use case whatever the door: the account, its key, its
 * budget, its history (and the spend controls learned with it), its fired alerts, its credits and its
 * recorded invoices all go together.
 */
import type { AccountInfo } from '../../../shared/domain';
import type { AccountService, NewAccount } from '../accounts/account-service';
import type { AlertEngine } from '../alerts/alert-engine';
import type { BillingService } from '../billing/billing-service';
import { toErrorInfo } from '../errors';
import type { PaymentService } from '../payments/payment-service';
import type { SecretVault } from '../ports';
import type { StoredAccount } from '../settings/settings';
import type { AfterChange } from './after-change';

export class AccountsUseCase {
  constructor(
    private readonly deps: {
      accounts: AccountService;
      alerts: AlertEngine;
      payments: PaymentService;
      billing: BillingService;
      vault: SecretVault;
      after: AfterChange;
    },
  ) {}

  list(): AccountInfo[] {
    return this.deps.accounts.list();
  }

  /** By id or name (names are unique, case-insensitively); a clear not_found error otherwise. */
  get(idOrName: string): StoredAccount {
    return this.deps.accounts.get(idOrName);
  }

  /** Fails with keychain_unavailable before anything is asked or changed when no keychain is reachable. */
  async checkKeychain(): Promise<void> {
    await this.deps.vault.probe();
  }

  /** Tests the key with one call, stores it in the keychain, then the account. */
  async add(input: NewAccount): Promise<AccountInfo> {
    const info = await this.deps.accounts.add(input);
    this.deps.after.announce('accounts');
    return info;
  }

  /** Tests the new key before it replaces the old one; history, budgets and alerts are kept. */
  async replaceKey(idOrName: string, apiKey: string): Promise<AccountInfo> {
    const info = await this.deps.accounts.replaceKey(idOrName, apiKey);
    this.deps.after.announce('accounts');
    return info;
  }

  rename(idOrName: string, name: string): AccountInfo {
    const info = this.deps.accounts.rename(idOrName, name);
    this.deps.after.announce('accounts');
    return info;
  }

  /** One cheap call with the stored key, as a plain answer for the UI. */
  async test(idOrName: string): Promise<{ ok: boolean; message: string }> {
    try {
      await this.deps.accounts.test(idOrName);
      return { ok: true, message: 'Connected: the key can read costs.' };
    } catch (error) {
      return { ok: false, message: toErrorInfo(error).message };
    }
  }

  async remove(idOrName: string): Promise<StoredAccount> {
    const account = this.get(idOrName);
    await this.deps.accounts.remove(account.id);
    this.deps.alerts.forgetAccount(account.id);
    this.deps.payments.forgetAccount(account.id);
    this.deps.billing.forgetAccount(account.id);
    this.deps.after.announce('accounts');
    return account;
  }
}
