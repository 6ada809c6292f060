/**
 * Settings › Webhooks: where every alert is also posted (a Slack channel, or a JSON receiver), with how deliveries
 * are going. The URL is typed once and goes to the keychain; from then on only its masked form is shown.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  lastDeliveryFailed,
  webhookAddInputSchema,
  type WebhookAddInput,
  type WebhookFormat,
  type WebhookStatus,
} from '../../shared/webhooks';
import { call } from '../lib/bridge';
import { relativeTime } from '../lib/format';
import { webhooksQuery } from '../lib/queries';
import { useSchemaForm } from '../lib/form';
import { formSchema } from '../lib/form-schema';
import { Field, fieldAria } from '../lib/ui/FieldError';

const FORMAT_NAMES: Record<WebhookFormat, string> = { slack: 'Slack (incoming webhook)', json: 'JSON (any receiver)' };

function useWebhooks(): { list: WebhookStatus[] | null; error: string | null; reload: () => void } {
  const { data, error, refetch } = useQuery(webhooksQuery);
  return { list: data ?? null, error: error ? error.message : null, reload: () => void refetch() };
}

export function WebhooksSection() {
  const { list, error, reload } = useWebhooks();
  return (
    <section className="panel" id="webhooks" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title" tabIndex={-1}>
        Webhooks
      </h2>
      <p className="muted">
        Every new alert is also posted here, once, whichever Spendwatch raised it (this app, the command line or a team
        server). A delivery that fails is retried for a day.
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {list && list.length === 0 && <p className="muted">No webhooks yet.</p>}
      {list && list.length > 0 && (
        <ul className="method-list" aria-label="Webhooks">
          {list.map((w) => (
            <WebhookRow key={w.id} webhook={w} onChange={reload} />
          ))}
        </ul>
      )}
      <AddWebhookForm onAdded={reload} />
    </section>
  );
}

function deliveryText(w: WebhookStatus): { text: string; tone: 'ok' | 'warning' | null } {
  if (lastDeliveryFailed(w))
    return { text: `Last delivery failed ${relativeTime(w.lastErrorAt)}: ${w.lastError}`, tone: 'warning' };
  if (w.lastDeliveredAt) return { text: `Last alert delivered ${relativeTime(w.lastDeliveredAt)}`, tone: 'ok' };
  return { text: 'No alert sent yet', tone: null };
}

function WebhookRow({ webhook: w, onChange }: { webhook: WebhookStatus; onChange: () => void }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const status = deliveryText(w);
  const counts = [
    `${w.delivered} delivered`,
    w.pending ? `${w.pending} waiting` : null,
    w.failed ? `${w.failed} not delivered` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="method-row">
      <div>
        <strong>{w.name}</strong> <span className="badge">{w.format === 'slack' ? 'Slack' : 'JSON'}</span>
        {w.source === 'credentials' && <span className="badge">systemd credential</span>}
        <p className="muted">
          <code>{w.urlHint}</code> · {counts}
        </p>
        <p className={status.tone === 'warning' ? 'field-error' : 'muted'}>{status.text}</p>
        {result && (
          <p role="status" className={result.ok ? 'muted' : 'field-error'}>
            {result.message}
          </p>
        )}
      </div>
      <div className="row-actions">
        <button
          type="button"
          disabled={busy}
          aria-label={`Send a test message to ${w.name}`}
          onClick={() => {
            setBusy(true);
            setResult(null);
            call('testWebhook', { id: w.id })
              .then(setResult)
              .catch((e: Error) => setResult({ ok: false, message: e.message }))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Sending…' : 'Send test'}
        </button>
        <button
          type="button"
          aria-label={`Remove ${w.name}`}
          onClick={() => {
            if (!window.confirm(`Remove the webhook ${w.name}? Alerts waiting for it are dropped.`)) return;
            call('removeWebhook', { id: w.id })
              .then(onChange)
              .catch((e: Error) => setResult({ ok: false, message: e.message }));
          }}
        >
          Remove
        </button>
      </div>
    </li>
  );
}

interface WebhookFields {
  url: string;
  format: WebhookFormat;
  name: string;
}

/** Checked by webhookAddInputSchema, as addWebhook is. */
const webhookFormSchema = formSchema<WebhookFields, WebhookAddInput>(
  (f) => ({ url: f.url, format: f.format, name: f.name.trim() || undefined }),
  webhookAddInputSchema,
);

function AddWebhookForm({ onAdded }: { onAdded: () => void }) {
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    formState: { errors, isSubmitting },
  } = useSchemaForm(webhookFormSchema, { url: '', format: 'slack', name: '' });
  const [added, setAdded] = useState<string | null>(null);

  const submit = handleSubmit(async (input) => {
    setAdded(null);
    try {
      const info = await call('addWebhook', input);
      // The URL is in the keychain now: it leaves the form, and the page, at once.
      resetField('url');
      resetField('name');
      setAdded(`Added ${info.name}. Send it a test to check the channel.`);
      onAdded();
    } catch (err) {
      setError('root', { message: (err as Error).message });
    }
  });

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="webhook-form-title">
      <h3 id="webhook-form-title">Add a webhook</h3>
      <Field id="wh-url" label="Webhook URL" error={errors.url?.message}>
        <input
          id="wh-url"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.slack.com/services/…"
          {...register('url')}
          {...fieldAria('wh-url', errors.url?.message, true)}
        />
      </Field>
      <p className="muted" id="wh-url-hint">
        The URL is a secret (anyone who has it can post to your channel): it is kept in your system keychain and shown
        masked. Use https://; plain http:// only to this machine.
      </p>
      <div className="form-row">
        <Field id="wh-format" label="Format">
          <select id="wh-format" {...register('format')}>
            {Object.entries(FORMAT_NAMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="wh-name" label="Name (optional)" error={errors.name?.message}>
          <input
            id="wh-name"
            placeholder="e.g. #ai-spend"
            {...register('name')}
            {...fieldAria('wh-name', errors.name?.message)}
          />
        </Field>
      </div>
      {errors.root?.message && (
        <p role="alert" className="field-error">
          {errors.root.message}
        </p>
      )}
      {added && <p role="status">{added}</p>}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add webhook'}
        </button>
      </div>
    </form>
  );
}
