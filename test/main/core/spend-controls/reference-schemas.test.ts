/** The schema helper itself: it must reject what OpenAI's spec rejects, or the contract checks prove nothing. */
import { describe, expect, it } from 'vitest';
import { schemaErrors, schemaNameFor, specPathFor } from '../../../contracts/spend-controls-schemas';

describe('reference OpenAPI schema helper', () => {
  it('finds the component schemas of the spend-control paths', () => {
    expect(schemaNameFor('/organization/spend_limit', 'POST', 'request')).toBe('UpdateOrganizationSpendLimitBody');
    expect(schemaNameFor('/organization/projects/{project_id}/spend_limit', 'GET', '200')).toBe(
      'ProjectSpendLimitResource',
    );
    expect(schemaNameFor('/organization/spend_alerts/{alert_id}', 'DELETE', '200')).toBe(
      'OrganizationSpendAlertDeletedResource',
    );
    expect(specPathFor('/v1/organization/projects/proj_a/spend_alerts/spend_alert_1')).toBe(
      '/organization/projects/{project_id}/spend_alerts/{alert_id}',
    );
  });

  it('accepts a body in cents and rejects dollars, lowercase currency and a missing interval', () => {
    expect(
      schemaErrors('UpdateOrganizationSpendLimitBody', {
        threshold_amount: 75_000,
        currency: 'USD',
        interval: 'month',
      }),
    ).toEqual([]);
    expect(
      schemaErrors('UpdateOrganizationSpendLimitBody', { threshold_amount: 750.5, currency: 'USD', interval: 'month' }),
    ).not.toEqual([]);
    expect(
      schemaErrors('UpdateOrganizationSpendLimitBody', {
        threshold_amount: 75_000,
        currency: 'usd',
        interval: 'month',
      }),
    ).not.toEqual([]);
    expect(
      schemaErrors('CreateSpendAlertBody', {
        threshold_amount: 100,
        currency: 'USD',
        notification_channel: { type: 'email', recipients: [] },
      }),
    ).not.toEqual([]);
    expect(
      schemaErrors('OrganizationSpendLimitResource', {
        object: 'organization.spend_limit',
        threshold_amount: 1,
        currency: 'USD',
        interval: 'month',
      }),
    ).not.toEqual([]);
  });
});
