import type React from 'react';
/**
 * Field-level errors, the one way every form shows them: the message under its field (announced to screen
 * readers), the field marked aria-invalid and described by the message (and by its hint, if it has one).
 */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span role="alert" id={id} className="field-error">
      {message}
    </span>
  );
}

/** The attributes tying a field to its error (`${id}-error`) and hint (`${id}-hint`). */
export function fieldAria(
  id: string,
  error: string | undefined,
  hint?: string | boolean,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}

/** A labelled field whose accessible name is exactly its label (the error sits outside the label). */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
