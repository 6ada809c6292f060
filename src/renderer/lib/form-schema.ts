/**
 * The resolver schema of a form, built on the zod schemas in src/shared (the ones the IPC contract checks
 * with): a form's text is read into the call's input, then that input is checked by the shared schema, whose
 * issues land on the fields they concern. So what a form accepts is what main accepts, in the same words.
 */
import { z } from 'zod';
import type { FieldValues } from 'react-hook-form';

/** Reports what is wrong with one field (or, as 'root', with the form as a whole) while reading the form. */
export type Problem<V> = (field: (keyof V & string) | 'root', message: string) => void;

/**
 * `read` turns the typed values into the call's input (reporting what it cannot read with `problem`, and
 * returning anything once it has); `shared` (the IPC schema) then checks that input. `fieldOf` names the field a
 * shared issue belongs to (by default its path's first key); an issue of no field is the form's own (root). Every
 * field's problem is reported at once, the one `read` found first.
 */
export function formSchema<V extends FieldValues, I>(
  read: (values: V, problem: Problem<V>) => I,
  shared: z.ZodType | null,
  fieldOf: (path: PropertyKey[]) => (keyof V & string) | undefined = (path) => String(path[0]),
) {
  return z.custom<V>().transform((values, ctx): I => {
    const problem: Problem<V> = (field, message) =>
      ctx.issues.push({ code: 'custom', path: [field], message, input: field === 'root' ? values : values[field] });
    const input = read(values, problem);
    // The shared schema checks the input too, but says nothing of a field already found wrong (it would only
    // repeat the problem in other words, or judge the placeholder read in its stead).
    const reported = new Set(ctx.issues.map((issue) => String(issue.path?.[0])));
    if (shared) {
      const checked = shared.safeParse(input);
      if (!checked.success)
        for (const issue of checked.error.issues) {
          const field = fieldOf(issue.path) ?? 'root';
          if (!reported.has(field)) ctx.issues.push({ code: 'custom', path: [field], message: issue.message, input });
        }
    }
    if (ctx.issues.length > 0) return z.NEVER;
    return input;
  });
}

export type FormSchema<V extends FieldValues, I> = ReturnType<typeof formSchema<V, I>>;
