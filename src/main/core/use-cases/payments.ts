/**
 * Payment methods (cards masked; full numbers only in the keychain), prepaid credits, payment events and the
 * fix-a-failed-payment guide. Every change re-evaluates alerts at once (a new card may expire soon; a
 * recorded balance may be low) and the tray follows.
 */
import { daysUntilExpiry, expiresSoon, expiryWindowDays, localDay } from '../../../shared/cards';
import { dayFromMs } from '../../../shared/dates';
import type { AccountViews } from '../account-views';
import { spendOf } from '../aggregate/aggregations';
import { methodName } from '../alerts/rules/payments';
import { estimateBalance } from '../payments/balance';
import { FAILED_PAYMENT_CAUSES, paymentChecklist } from '../payments/checklist';
import type { PaymentService } from '../payments/payment-service';
import { publicMethod } from '../payments/stored-method';
import type { Clock } from '../ports';
import type { SettingsRepository } from '../settings/settings';
import type { AfterChange } from './after-change';

export interface PaymentNotice {
  methodId: string;
  severity: 'warning' | 'critical';
  message: string;
}

export class PaymentsUseCase {
  constructor(
    private readonly deps: {
      payments: PaymentService;
      settings: SettingsRepository;
      views: AccountViews;
      clock: Clock;
      after: AfterChange;
    },
  ) {}

  /** Everything the Payment methods, Credits and Troubleshooting sections show (cards by brand and last four only). */
  async overview() {
    // Records saved by the old form hand their name and address over to the keychain the first time they are shown.
    await this.deps.payments.migrateOldCards();
    const { settings: repo, views, clock } = this.deps;
    const settings = repo.read();
    const now = clock.now();
    const utcToday = dayFromMs(now.getTime());
    const resolved = settings.accounts.length ? views.resolveAll(settings) : [];
    return {
      methods: settings.payments.methods.map(publicMethod),
      events: settings.payments.events,
      expiryAlertDays: settings.payments.expiryAlertDays,
      localToday: localDay(now),
      utcToday,
      accounts: resolved.map((r) => ({
        accountId: r.account.id,
        name: r.account.name,
        credits: settings.credits[r.account.id] ?? { entries: [], recordedBalance: null, autoRecharge: null },
        estimate: estimateBalance(settings.credits[r.account.id], spendOf([r.view]), utcToday),
      })),
      checklist: paymentChecklist(settings, resolved, utcToday, localDay(now)),
      causes: FAILED_PAYMENT_CAUSES,
    };
  }

  /** Cards expired or expiring (the expiry alert's rule, in the user's local calendar), for the dashboard's banner and the tray. */
  notices(): PaymentNotice[] {
    const today = localDay(this.deps.clock.now());
    const { methods, expiryAlertDays } = this.deps.settings.read().payments;
    return methods.flatMap((m) => {
      if (!m.card || !expiresSoon(m.card.expMonth, m.card.expYear, today, expiryWindowDays(expiryAlertDays))) return [];
      const days = daysUntilExpiry(m.card.expMonth, m.card.expYear, today);
      const name = methodName(m);
      if (days < 0) return [{ methodId: m.id, severity: 'critical' as const, message: `${name} has expired.` }];
      return [
        {
          methodId: m.id,
          severity: days <= 7 ? ('critical' as const) : ('warning' as const),
          message: `${name} expires in ${days} day${days === 1 ? '' : 's'}.`,
        },
      ];
    });
  }

  async saveMethod(id: string | undefined, method: unknown) {
    return this.changed(await this.deps.payments.save(id, method));
  }

  async removeMethod(id: string): Promise<{ removed: boolean }> {
    return this.changed({ removed: await this.deps.payments.remove(id) });
  }

  addCredit(input: unknown) {
    return this.changed(this.deps.payments.addCredit(input));
  }

  removeCredit(accountId: string, entryId: string): { removed: true } {
    this.deps.payments.removeCredit(accountId, entryId);
    return this.changed({ removed: true });
  }

  setRecordedBalance(accountId: string, balance: { amountMicros: number; asOf: string } | null): { saved: true } {
    this.deps.payments.setRecordedBalance(accountId, balance);
    return this.changed({ saved: true });
  }

  setAutoRecharge(
    accountId: string,
    autoRecharge: { thresholdMicros: number; amountMicros: number } | null,
  ): { saved: true } {
    this.deps.payments.setAutoRecharge(accountId, autoRecharge);
    return this.changed({ saved: true });
  }

  addEvent(input: unknown) {
    return this.changed(this.deps.payments.addEvent(input));
  }

  removeEvent(id: string): { removed: true } {
    this.deps.payments.removeEvent(id);
    return this.changed({ removed: true });
  }

  setExpiryAlertDays(days: number[]): { days: number[] } {
    this.deps.payments.setExpiryAlertDays(days);
    return this.changed({ days: this.deps.settings.read().payments.expiryAlertDays });
  }

  private changed<T>(value: T): T {
    this.deps.after.evaluate('budget');
    return value;
  }
}
