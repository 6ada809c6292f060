/**
 * The support-ready report: Markdown with the account's name, the month, the invoice's figures, the exact
 * costs by day, line item and project, the difference, the explanations and the case log. It is built only
 * from the reconciliation and history figures — never from the vault — so it cannot carry a key or a card
 * number; user-typed text is scrubbed again and escaped so it cannot break the Markdown tables.
 */
import { CASE_STATE_LABELS, RECONCILIATION_STATUS_LABELS, type ReconciliationDetail } from '../../../shared/billing';
import { formatMonth } from '../../../shared/dates';
import { UNASSIGNED_PROJECT } from '../history/account-history';
import { terminalSafe } from '../text/safe-output';
import { scrubSecrets } from './scrub';
import { moneyText } from '../../../shared/money-text';
import { PROVIDERS, type ProviderInfo } from '../../../shared/providers';

/**
 * One cell or line of others' text (names, notes, references): nothing key- or card-like even if pasted into a
 * note; no escape sequences or bidi overrides; and inert as Markdown — no table-breaking pipes or line breaks,
 * no HTML, links, images or code spans (those characters are backslash-escaped; the rest stays readable).
 */
const cell = (text: string): string =>
  terminalSafe(scrubSecrets(text.replace(/\r?\n/g, ' ')))
    .replace(/[\\`|<>[\]]/g, (c) => `\\${c}`)
    .trim() || '—';

export function renderBillingReport(
  detail: ReconciliationDetail,
  generatedAt: string,
  provider: Pick<ProviderInfo, 'name'> = PROVIDERS.openai,
): string {
  const r = detail.reconciliation;
  const inv = r.invoice;
  const lines: string[] = [];
  lines.push(`# Billing reconciliation: ${cell(r.accountName)}, ${formatMonth(r.month, 'en-US')} (${r.month})`, '');
  lines.push(`- Account: ${cell(r.accountName)} (${provider.name} organisation)`);
  lines.push(`- Month: ${r.month}`);
  lines.push(`- Billing period: ${r.period.from} to ${r.period.to} (UTC days)`);
  lines.push(`- Status: **${RECONCILIATION_STATUS_LABELS[r.status]}** (\`${r.status}\`)`);
  lines.push(`- Costs are final from: ${r.finalFrom}`);
  lines.push(
    `- Generated: ${generatedAt} by Spendwatch from ${provider.name}'s cost data (amounts in USD, to the cent)`,
    '',
  );

  lines.push('## Totals', '');
  lines.push('| | amount |', '| --- | ---: |');
  lines.push(`| Costs total (Costs API, ${r.period.from} to ${r.period.to}) | ${moneyText(r.costsMicros)} |`);
  if (inv) {
    lines.push(`| + tax | ${moneyText(inv.taxMicros)} |`);
    lines.push(`| − credits applied | ${moneyText(inv.creditsMicros)} |`);
  }
  lines.push(`| Expected | ${moneyText(r.expectedMicros)} |`);
  lines.push(`| Invoice total | ${inv ? moneyText(inv.totalMicros) : 'no invoice recorded'} |`);
  lines.push(`| **Difference** (invoice − expected, to the cent) | **${moneyText(r.differenceMicros)}** |`, '');

  lines.push('## Invoice', '');
  if (inv) {
    lines.push('| field | value |', '| --- | --- |');
    lines.push(`| Number | ${cell(inv.number ?? '')} |`);
    lines.push(`| Date | ${inv.date ?? '—'} |`);
    lines.push(`| Billing period | ${r.period.from} to ${r.period.to} |`);
    lines.push(
      `| Subtotal | ${moneyText(inv.subtotalMicros ?? inv.totalMicros - inv.taxMicros + inv.creditsMicros)} |`,
    );
    lines.push(`| Tax | ${moneyText(inv.taxMicros)} |`);
    lines.push(`| Credits applied | ${moneyText(inv.creditsMicros)} |`);
    lines.push(`| Total | ${moneyText(inv.totalMicros)} |`);
    lines.push(`| Status | ${inv.status} |`, '');
  } else {
    lines.push('No invoice is recorded for this month.', '');
  }

  lines.push('## Explanations', '');
  if (r.explanations.length === 0) lines.push('None needed: the invoice equals the costs.');
  for (const e of r.explanations) lines.push(`- **${e.kind}**: ${cell(e.message)}`);
  lines.push('');

  lines.push('## Costs by day (UTC)', '', '| day | amount |', '| --- | ---: |');
  for (const d of detail.byDay)
    lines.push(`| ${d.day} | ${d.micros === null ? 'not in local history' : moneyText(d.micros)} |`);
  lines.push(`| **Total** | **${moneyText(r.costsMicros)}** |`, '');

  lines.push('## Costs by line item', '', '| line item | amount |', '| --- | ---: |');
  for (const l of detail.byLineItem) lines.push(`| ${cell(l.name)} | ${moneyText(l.micros)} |`);
  lines.push('');
  lines.push('## Costs by project', '', '| project | id | amount |', '| --- | --- | ---: |');
  for (const p of detail.byProject)
    lines.push(`| ${cell(p.name)} | ${p.key === UNASSIGNED_PROJECT ? '—' : cell(p.key)} | ${moneyText(p.micros)} |`);
  lines.push('');

  lines.push('## Support case', '');
  const c = detail.supportCase;
  if (!c) lines.push('No support case recorded.');
  else {
    lines.push(`State: **${CASE_STATE_LABELS[c.state]}**`, '');
    if (c.contacts.length === 0) lines.push('No contacts logged yet.');
    else {
      lines.push('| date | channel | reference | note | outcome |', '| --- | --- | --- | --- | --- |');
      for (const k of c.contacts)
        lines.push(`| ${k.date} | ${k.channel} | ${cell(k.reference)} | ${cell(k.note)} | ${cell(k.outcome)} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
