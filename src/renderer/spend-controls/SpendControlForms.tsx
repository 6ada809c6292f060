/**
 * The forms for OpenAI's spend controls: a hard limit, an email alert, mirroring the budget. Each only prepares
 * the change (onReview): OpenAiSpendControls confirms it, with its consequence, before anything goes to OpenAI.
 * On react-hook-form; the schemas (spend-control-form-schemas.ts) load with the first check.
 */
import { useId, type ReactNode } from 'react';
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import type { Budget } from '../../shared/domain';
import type { SpendEmailAlert } from '../../shared/spend-controls';
import { useSchemaForm } from '../lib/form';
import { money } from '../lib/format';
import { fieldAria, FieldError } from '../lib/ui/FieldError';
import { mirrorAlertCents, type MirrorPlan } from './mirror-plan';
import { centsToMicros } from '../../shared/spend-control-amounts';
import type { AlertFields, LimitFields, MirrorFields } from './spend-control-form-schemas';

const schemas = () => import('./spend-control-form-schemas');
const dollars = (cents: number) => money(centsToMicros(cents));

function FormShell({
  label,
  errors,
  children,
  onSubmit,
  onCancel,
  submitLabel,
}: {
  label: string;
  errors: FieldErrors;
  children: ReactNode;
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
}) {
  return (
    <form
      className="form compact"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {errors.root?.message && (
        <p role="alert" className="field-error">
          {errors.root.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">{submitLabel}</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A labelled text field with its message under it. */
function TextField({
  label,
  registered,
  error,
  decimal,
}: {
  label: string;
  registered: UseFormRegisterReturn;
  error: string | undefined;
  decimal?: boolean;
}) {
  const id = useId();
  return (
    <>
      <label>
        {label}
        <input
          id={id}
          type="text"
          inputMode={decimal ? 'decimal' : undefined}
          {...registered}
          required
          {...fieldAria(id, error)}
        />
      </label>
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}

export function LimitForm({
  initial,
  label,
  onReview,
  onCancel,
}: {
  initial: number | null;
  label: string;
  onReview: (cents: number) => void;
  onCancel: () => void;
}) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useSchemaForm<LimitFields, { cents: number }>(() => schemas().then((m) => m.limitFormSchema), {
    amount: initial ? (initial / 100).toFixed(2) : '',
  });
  return (
    <FormShell
      label="OpenAI hard limit"
      errors={errors}
      onSubmit={() => void handleSubmit(({ cents }) => onReview(cents))()}
      onCancel={onCancel}
      submitLabel="Review limit"
    >
      <TextField label={label} registered={register('amount')} error={errors.amount?.message} decimal />
    </FormShell>
  );
}

export function AlertForm({
  initial,
  onReview,
  onCancel,
}: {
  initial: SpendEmailAlert | null;
  onReview: (cents: number, recipients: string[]) => void;
  onCancel: () => void;
}) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useSchemaForm<AlertFields, { cents: number; recipients: string[] }>(
    () => schemas().then((m) => m.alertFormSchema),
    {
      amount: initial ? (initial.cents / 100).toFixed(2) : '',
      emails: initial ? initial.recipients.join(', ') : '',
    },
  );
  return (
    <FormShell
      label="OpenAI email alert"
      errors={errors}
      onSubmit={() => void handleSubmit(({ cents, recipients }) => onReview(cents, recipients))()}
      onCancel={onCancel}
      submitLabel="Review email alert"
    >
      <TextField
        label="Email when the month reaches (USD)"
        registered={register('amount')}
        error={errors.amount?.message}
        decimal
      />
      <TextField
        label="Email addresses (comma-separated)"
        registered={register('emails')}
        error={errors.emails?.message}
      />
    </FormShell>
  );
}

export function MirrorForm({
  budget,
  accountName,
  onReview,
  onCancel,
}: {
  budget: Budget;
  accountName: string;
  onReview: (plan: MirrorPlan) => void;
  onCancel: () => void;
}) {
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useSchemaForm<MirrorFields, MirrorPlan>(() => schemas().then((m) => m.mirrorFormSchema(budget, accountName)), {
    withLimit: true,
    withAlerts: false,
    emails: '',
  });
  const alertCents = mirrorAlertCents(budget);
  const withAlerts = watch('withAlerts');
  return (
    <FormShell
      label="Mirror this budget to OpenAI"
      errors={errors}
      onSubmit={() => void handleSubmit(onReview)()}
      onCancel={onCancel}
      submitLabel="Review mirror"
    >
      <label className="inline-check">
        <input type="checkbox" {...register('withLimit')} /> A hard limit at the budget ({money(budget.monthlyMicros)})
      </label>
      <label className="inline-check">
        <input type="checkbox" {...register('withAlerts')} /> Email alerts at {budget.thresholds.join(', ')}% (
        {alertCents.map(dollars).join(', ')})
      </label>
      {withAlerts && (
        <TextField
          label="Email addresses (comma-separated)"
          registered={register('emails')}
          error={errors.emails?.message}
        />
      )}
    </FormShell>
  );
}
