/**
 * spike: a day (yesterday or today, UTC) well above its own norm, for the account, then for its projects and API
 * keys on the days the account as a whole did not spike: a spike of the whole already names the key, project and
 * model that moved most, and one rise alerts once.
 */
import { addDays, monthOf } from '../../../../shared/dates';
import { moneyText } from '../../../../shared/money-text';
import { dailyTotalOf } from '../../aggregate/aggregations';
import { alertKey, eachAccount, type AlertCandidate, type AlertRule } from '../rule-context';
import { movedMostSentence, scopeSpikes } from './scope-spikes';
import { spikeFactor, spikeOn, spikeWhen } from './spike-days';

export const spikes: AlertRule = (context) =>
  eachAccount(context, (account) => {
    const today = context.utcToday;
    const floor = context.settings.alerts.spikeFloorMicros;
    const daily = dailyTotalOf([account.view]);
    const whole = [addDays(today, -1), today].flatMap((day): AlertCandidate[] => {
      const spike = spikeOn(daily, day, floor);
      if (!spike) return [];
      const { spent, median } = spike;
      const moved = movedMostSentence(account.view, day, null);
      return [
        {
          key: alertKey('spike', account.accountId, 'account', null, day),
          kind: 'spike',
          accountId: account.accountId,
          accountName: account.accountName,
          scope: 'account',
          threshold: null,
          period: monthOf(day),
          day,
          severity: 'warning',
          title: `Unusual spend on ${account.accountName}`,
          message: `${account.accountName} has spent ${moneyText(spent)} ${spikeWhen(day, today)}, ${spikeFactor(spent, median)}.${moved} Check for a runaway job or a leaked key.`,
          estimate: false,
          budgetMicros: null,
        },
      ];
    });
    return [...whole, ...scopeSpikes(account, floor, today, new Set(whole.map((a) => a.day!)))];
  });
