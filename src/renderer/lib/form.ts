/**
 * Forms on react-hook-form, validated by zod schemas built on src/shared (lib/form-schema.ts). Zod-free itself:
 * a form on the dashboard passes a loader (`() => import('./x-schema').then(…)`), so its schema loads with the
 * first check rather than with the dashboard; Settings' forms (zod already loaded with it) pass the schema.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type DefaultValues, type FieldValues, type Resolver } from 'react-hook-form';
import { parseUserAmount } from '../../shared/money';
import type { FormSchema } from './form-schema';

type SchemaSource<V extends FieldValues, I> = FormSchema<V, I> | (() => FormSchema<V, I> | Promise<FormSchema<V, I>>);

/** A resolver for a schema, or for one loaded on first use (validation is asynchronous anyway). */
function schemaResolver<V extends FieldValues, I>(source: SchemaSource<V, I>): Resolver<V, unknown, I> {
  if (typeof source !== 'function') return zodResolver(source);
  return async (values, context, options) => zodResolver(await source())(values, context, options);
}

/** A form validated on submit, and again on each change once submitted (so a fixed field's message goes). */
export function useSchemaForm<V extends FieldValues, I>(source: SchemaSource<V, I>, defaultValues: DefaultValues<V>) {
  return useForm<V, unknown, I>({ resolver: schemaResolver(source), defaultValues });
}

/** Dollars typed in a form ("1,250.50", "$40"): micros, or null when it is not an amount. */
export function typedAmount(text: string): number | null {
  try {
    return parseUserAmount(text);
  } catch {
    return null;
  }
}
