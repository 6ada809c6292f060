/**
 * What a webhook receives. Slack: its incoming-webhook JSON (`text`, plus blocks). JSON: a versioned document
 * (docs/user/webhooks.md), the alert as `status --json` shows it. Names in alerts come from users and providers:
 * in Slack they are escaped so they can neither mention @channel nor become links.
 */
import type { Alert } from '../../../shared/domain';
import type { WebhookFormat } from '../../../shared/webhooks';
import { alertJson, type StatusAlert } from '../reports/status-report';
import { terminalSafe } from '../text/safe-output';

interface JsonAlertBody {
  type: 'spendwatch.alert' | 'spendwatch.test';
  version: 1;
  /** The same for every retry of one delivery: a receiver that sees it twice drops the second. */
  deliveryId: string;
  alert: StatusAlert;
}

const SEVERITY_MARK: Record<Alert['severity'], string> = {
  info: ':information_source:',
  warning: ':warning:',
  critical: ':rotating_light:',
};

/** Slack's mrkdwn control characters (&, <, >) as entities, as Slack's docs ask; no control characters. */
const slackEscape = (text: string): string =>
  terminalSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function webhookBody(format: WebhookFormat, alert: Alert, deliveryId: string, test = false): string {
  if (format === 'json') {
    const body: JsonAlertBody = {
      type: test ? 'spendwatch.test' : 'spendwatch.alert',
      version: 1,
      deliveryId,
      alert: alertJson(alert),
    };
    return JSON.stringify(body);
  }
  const title = slackEscape(alert.title);
  const message = slackEscape(alert.message);
  const context = `Spendwatch · ${slackEscape(alert.accountName)} · ${alert.severity}${alert.estimate ? ' · estimate' : ''}`;
  return JSON.stringify({
    text: `${SEVERITY_MARK[alert.severity]} ${title}\n${message}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${SEVERITY_MARK[alert.severity]} *${title}*\n${message}`.slice(0, 3000) },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context.slice(0, 3000) }] },
    ],
  });
}

/** The alert `webhooks test` posts: shaped like any other, marked as a test. */
export function testAlert(webhookName: string, now: Date): Alert {
  return {
    id: 'al_test',
    key: 'test',
    kind: 'sync-failing',
    accountId: 'test',
    accountName: 'Spendwatch',
    scope: 'account',
    threshold: null,
    period: now.toISOString().slice(0, 7),
    day: null,
    severity: 'info',
    title: `Test from Spendwatch to "${webhookName}"`,
    message: 'If you can read this, Spendwatch alerts will arrive here.',
    estimate: false,
    raisedAt: now.toISOString(),
    silenced: false,
    read: false,
  };
}
