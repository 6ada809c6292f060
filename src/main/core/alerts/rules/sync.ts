/** sync-failing: an account's sync has failed for over an hour, or at once for failures retrying will not fix. */
import { isDue } from '../../../../shared/elapsed';
import { monthOf } from '../../../../shared/dates';
import { alertKey, eachAccount, type AlertRule } from '../rule-context';

/** Failures that retrying will not fix alert at once; others after an hour. */
const PERMANENT_FAILURES = new Set([
  'invalid_key',
  'wrong_key_type',
  'missing_scope',
  'keychain_unavailable',
  'insufficient_quota',
]);
const FAILING_FOR_MS = 3_600_000;

export const syncFailing: AlertRule = (context) =>
  eachAccount(context, ({ accountId, accountName, lastError, firstFailureAt }) => {
    if (!lastError || !firstFailureAt) return [];
    const permanent = PERMANENT_FAILURES.has(lastError.code);
    // A first failure "in the future" (the clock was corrected since) has failed for an unknown while: it counts.
    if (!permanent && !isDue(firstFailureAt, context.now.getTime(), FAILING_FOR_MS)) return [];
    return [
      {
        // One alert per failure episode: the episode starts at the first failure.
        key: alertKey('sync-failing', accountId, 'account', null, firstFailureAt),
        kind: 'sync-failing',
        accountId,
        accountName,
        scope: 'account',
        threshold: null,
        period: monthOf(context.utcToday),
        day: null,
        severity: permanent ? 'critical' : 'warning',
        title: `Spendwatch cannot sync ${accountName}`,
        message: `${permanent ? '' : 'Syncing has failed for over an hour. '}${lastError.message}`,
        estimate: false,
        budgetMicros: null,
      },
    ];
  });
