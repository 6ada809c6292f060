/**
 * Forms on react-hook-form, validated by zod schemas built on src/shared (lib/form-schema.ts). Zod-free itself:
 * a form on the dashboard passes a loader (`() => import('./x-schema').then(…)`), so its schema loads with the
 * first check rather than with the dashboard; Settings' forms (zod already loaded with it) pass the schema.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import { parseUserAmount } from '../../shared/money';
import type { FormSchema } from './form-schema';

type SchemaSource<V extends FieldValues, I> = FormSchema<V, I> | (() => FormSchema<V, I> | Promise<FormSchema<V, I>>);

/** A resolver for a schema, or for one loaded on first use (validation is asynchronous anyway). */
function schemaResolver<V extends FieldValues, I>(source: SchemaSource<V, I>): Resolver<V, unknown, I> {
  if (typeof source !== 'function') return zodResolver(source);
  return async (values, context, options) => zodResolver(await source())(values, context, options);
}

/**
 * A form validated on submit, and again on each change once submitted (so a fixed field's message goes as the
 * field is fixed). A message set by hand (main's refusal of a field, or of the form as a whole, after a save)
 * goes as soon as the user edits: it judged what was sent, not what is typed now; the schema, once submitted,
 * judges each change on its own and puts back what is still wrong.
 */
export function useSchemaForm<V extends FieldValues, I>(source: SchemaSource<V, I>, defaultValues: DefaultValues<V>) {
  const form = useForm<V, unknown, I>({
    resolver: schemaResolver(source),
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { subscribe, clearErrors, getFieldState } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name, type }) => {
          // Only the user's edits: the form's own setValue (clearing a field after a save) leaves messages alone.
          if (type !== 'change' || !name) return;
          const field = name as Path<V>;
          // A message set by hand has no type; the schema's (typed by zod's issue code) it re-judges itself, and
          // clearing it first would only make it blink (and be announced again) while the value is still wrong.
          const byHand = getFieldState(field).error && getFieldState(field).error?.type === undefined;
          if (byHand) clearErrors(field);
          if (getFieldState('root' as Path<V>).error) clearErrors('root');
        },
      }),
    [subscribe, clearErrors, getFieldState],
  );
  return form;
}

/** Dollars typed in a form ("1,250.50", "$40"): micros, or null when it is not an amount. */
export function typedAmount(text: string): number | null {
  try {
    return parseUserAmount(text);
  } catch {
    return null;
  }
}
