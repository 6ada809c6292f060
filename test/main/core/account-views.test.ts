/** Each account's summary carries its own first day of data, so a combined view can say "no data" per account. */
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, firstDayOfMonth, monthOf } from '../../../src/shared/dates';
import { createNodeSpendwatch } from '../../../src/main/core/compose-node';
import { seedOrganisations } from '../../support/dashboard-fixtures';
import { FakeKeychain } from '../../support/fake-vault';

describe('account summaries: dataSince per account', () => {
  it('gives each account its own first day with spend, and null for one never synced', () => {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const core = createNodeSpendwatch({ dataDir: seedOrganisations(now), vault: new FakeKeychain() });
    const view = core.queries.dashboard({ accountId: 'all', range: '30d', groupBy: 'model' });
    const since = Object.fromEntries(view.accounts.map((a) => [a.id, a.dataSince]));
    expect(since).toEqual({
      acc_big: addDays(firstDayOfMonth(addMonths(monthOf(today), -2)), 14),
      acc_cents: addDays(today, -400),
      acc_revoked: addDays(today, -90),
      acc_new: null,
    });
    // The combined figure is the earliest of them, as before.
    expect(view.dataSince).toBe(addDays(today, -400));
  });
});
