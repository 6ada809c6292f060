/**
 * The prepaid balance and its runway on the dashboard, one line per shown account that has a recorded balance.
 * It reads the same estimate as Settings › Credits & balance (getPayments), so the two never disagree.
 */
import { useQuery } from '@tanstack/react-query';
import { ALL_ACCOUNTS } from '../../shared/constants';
import { paymentsQuery } from '../lib/queries';
import { exactTitle, money } from '../lib/format';
import { SettingsLink } from '../lib/ui/links';
import { basisText, readingDayText, runwayText } from '../payments/balance-words';

export function BalanceLine({ accountId, isDemo }: { accountId: string; isDemo: boolean }) {
  const { data } = useQuery({ ...paymentsQuery, enabled: !isDemo });
  const shown = (data?.accounts ?? []).filter(
    (a) => a.estimate && (accountId === ALL_ACCOUNTS || a.accountId === accountId),
  );
  if (isDemo || shown.length === 0) return null;
  return (
    <section className="panel balance-line" aria-label="Prepaid balance" data-testid="balance-line">
      <ul>
        {shown.map(({ accountId: id, name, estimate }) => {
          const e = estimate!;
          const sameDay = readingDayText(e);
          return (
            <li key={id}>
              <span>
                <strong>{shown.length > 1 ? `${name}: prepaid balance` : 'Prepaid balance'}</strong>{' '}
                <span className="balance-figure" title={exactTitle(e.estimateMicros)}>
                  {money(e.estimateMicros)}
                </span>{' '}
                <span className="badge">estimate</span> {runwayText(e)}
              </span>
              <span className="muted balance-basis">
                {basisText(e)}
                {sameDay && ` ${sameDay}`}
              </span>
            </li>
          );
        })}
      </ul>
      <SettingsLink section="credits">Credits &amp; balance</SettingsLink>
    </section>
  );
}
