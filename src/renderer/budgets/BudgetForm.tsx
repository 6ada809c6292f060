/**
 * The one budget form: every place that sets a budget (the dashboard's budget card and a project's row card,
 * Settings › Budgets & alerts for the account and its project budgets) shows this form, with the fields it
 * needs. It reads what is typed into the next budget with budgetFormSchema (the setBudget schema underneath),
 * shows each field's problem under it, focuses the first wrong field, and clears a problem once it is fixed.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { DEFAULT_THRESHOLDS_TEXT } from '../../shared/constants';
import type { Budget, BudgetInput } from '../../shared/domain';
import { microsToDecimal } from '../../shared/money';
import { afterRender } from '../lib/hooks/focus';
import { fieldAria, FieldError } from '../lib/ui/FieldError';
import { useSchemaForm } from '../lib/form';
import type { BudgetField, BudgetFormRules, BudgetFormValues } from './budget-form-schema';

interface TextFieldSpec {
  label: string;
  /** A line under the field, read with it. */
  hint?: string;
}

export interface BudgetFormProps {
  /** The budget being changed, or null when there is none yet. */
  base: Budget | null;
  /** Which fields show, each with its label. Shown in this order: project, amount, monthly, daily, thresholds. */
  fields: {
    /** Choose the project whose budget `amount` sets (when `projectId` is not given). */
    project?: { label: string; placeholder: string; choices: { key: string; label: string }[] };
    /** The project's own monthly amount. */
    amount?: TextFieldSpec;
    /** The account's monthly budget. */
    monthly?: TextFieldSpec;
    /** The account's daily budget (optional: empty means none). */
    daily?: TextFieldSpec;
    thresholds?: TextFieldSpec;
  };
  /** The project `amount` sets, when fixed. */
  projectId?: string;
  /** What messages call a project ("project", "workspace") and the monthly budget ("monthly", "Acme monthly"). */
  projectNoun?: string;
  monthlyName?: string;
  /** Stores the budget; a rejection is shown on the form. */
  onSave: (next: BudgetInput) => Promise<void>;
  /** After a save: close, focus, say so. */
  onSaved?: () => void;
  /** Shown (and focused) after a save, while the form stays open. */
  savedMessage?: string;
  /** Empty the fields after a save (a form that adds one budget after another). */
  resetAfterSave?: boolean;
  /** A Remove button, when the budget exists. Focus goes to the first field after it, unless onRemoved moves it. */
  onRemove?: () => Promise<void>;
  onRemoved?: () => void;
  removeLabel?: string;
  /** A Cancel button (and Escape, with cancelOnEscape). */
  onCancel?: () => void;
  cancelOnEscape?: boolean;
  submitLabel?: string;
  primary?: boolean;
  /** The field focused when the form opens. */
  autoFocus?: BudgetField;
  /** The field marked data-autofocus, for a ModalDialog to focus once it is open (instead of autoFocus). */
  dialogFocus?: BudgetField;
  /** Explicit element ids for fields (otherwise derived from idPrefix or a generated id). */
  ids?: Partial<Record<BudgetField, string>>;
  idPrefix?: string;
  className: string;
  label?: string;
  labelledBy?: string;
  /** Before the fields (a heading). */
  children?: ReactNode;
  /** Where the save error goes: before the buttons (default) or after them (an inline form). */
  errorAfterActions?: boolean;
}

const ORDER: BudgetField[] = ['project', 'amount', 'monthly', 'daily', 'thresholds'];

function startingValues(props: BudgetFormProps): BudgetFormValues {
  const { base, projectId } = props;
  const projectMicros = base && projectId !== undefined ? base.projects[projectId] : undefined;
  return {
    project: '',
    amount: projectMicros ? microsToDecimal(projectMicros) : '',
    monthly: base ? microsToDecimal(base.monthlyMicros) : '',
    daily: base?.dailyMicros ? microsToDecimal(base.dailyMicros) : '',
    thresholds: base ? base.thresholds.join(', ') : DEFAULT_THRESHOLDS_TEXT,
  };
}

export function BudgetForm(props: BudgetFormProps) {
  const { fields, base } = props;
  const shown = ORDER.filter((key) => fields[key]);
  // The schema (zod, and the shared budget schema) loads with the first check, not with the dashboard that shows
  // the form. The rules are read when the check runs, so they are always the current ones.
  const rules: BudgetFormRules = {
    shown,
    base,
    projectId: props.projectId,
    projectNoun: props.projectNoun,
    monthlyName: props.monthlyName,
  };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useSchemaForm<BudgetFormValues, BudgetInput>(
    () => import('./budget-form-schema').then((m) => m.budgetFormSchema(rules)),
    startingValues(props),
  );
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const generated = useId();
  const idOf = (key: BudgetField) => props.ids?.[key] ?? `${props.idPrefix ?? generated}-${key}`;
  // Focused at once (react-hook-form's setFocus waits a task), so the field has focus as soon as the form shows.
  const autoFocusId = props.autoFocus && idOf(props.autoFocus);
  useEffect(() => {
    if (autoFocusId) document.getElementById(autoFocusId)?.focus();
  }, [autoFocusId]);

  const saveError = (e: unknown) => setError('root', { message: (e as Error).message });
  const submit = handleSubmit(async (next) => {
    setStatus(null);
    try {
      await props.onSave(next);
    } catch (e) {
      return saveError(e);
    }
    if (props.resetAfterSave) reset({ ...startingValues(props), amount: '', project: '' });
    if (props.savedMessage) setStatus(props.savedMessage);
    props.onSaved?.();
  });
  const remove = async () => {
    if (!props.onRemove) return;
    setBusy(true);
    try {
      await props.onRemove();
    } catch (e) {
      setBusy(false);
      return saveError(e);
    }
    setBusy(false);
    if (props.onRemoved) props.onRemoved();
    else afterRender(() => document.getElementById(idOf(shown[0]))?.focus());
  };

  const input = (key: Exclude<BudgetField, 'project'>, spec: TextFieldSpec, registered: UseFormRegisterReturn) => {
    const id = idOf(key);
    const message = errors[key]?.message;
    return (
      <div className="field" key={key}>
        <label htmlFor={id}>{spec.label}</label>
        <input
          id={id}
          {...registered}
          inputMode={key === 'thresholds' ? 'text' : 'decimal'}
          autoComplete="off"
          {...fieldAria(id, message, spec.hint)}
          data-autofocus={props.dialogFocus === key ? true : undefined}
        />
        {spec.hint && (
          <p id={`${id}-hint`} className="muted field-hint">
            {spec.hint}
          </p>
        )}
        <FieldError id={`${id}-error`} message={message} />
      </div>
    );
  };

  const project = fields.project;
  const projectId = idOf('project');
  const busyNow = isSubmitting || busy;
  const errorText = errors.root?.message && (
    <p role="alert" className="field-error">
      {errors.root.message}
    </p>
  );
  return (
    <form
      className={props.className}
      onSubmit={(e) => void submit(e)}
      aria-label={props.label}
      aria-labelledby={props.labelledBy}
      noValidate
      onKeyDown={props.cancelOnEscape ? (e) => e.key === 'Escape' && props.onCancel?.() : undefined}
    >
      {props.children}
      {project && (
        <div className="field">
          <label htmlFor={projectId}>{project.label}</label>
          <select
            id={projectId}
            {...register('project')}
            {...fieldAria(projectId, errors.project?.message)}
            data-autofocus={props.dialogFocus === 'project' ? true : undefined}
          >
            <option value="">{project.placeholder}</option>
            {project.choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
          <FieldError id={`${projectId}-error`} message={errors.project?.message} />
        </div>
      )}
      {fields.amount && input('amount', fields.amount, register('amount'))}
      {fields.monthly && input('monthly', fields.monthly, register('monthly'))}
      {fields.daily && input('daily', fields.daily, register('daily'))}
      {fields.thresholds && input('thresholds', fields.thresholds, register('thresholds'))}
      {!props.errorAfterActions && errorText}
      {status && <SavedStatus text={status} />}
      <div className="form-actions">
        <button type="submit" className={props.primary ? 'button-primary' : undefined} disabled={busyNow}>
          {props.submitLabel ?? 'Save budget'}
        </button>
        {props.onRemove && (
          <button type="button" onClick={() => void remove()} disabled={busyNow}>
            {props.removeLabel ?? 'Remove budget'}
          </button>
        )}
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      {props.errorAfterActions && errorText}
    </form>
  );
}

/** "Budget saved for …": focused when it appears, so a screen reader reads it and focus stays in the form. */
function SavedStatus({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [text]);
  return (
    <p role="status" className="status-ok" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}
