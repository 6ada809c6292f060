/**
 * Focus rules shared by forms: after a failed submit, focus the first invalid field (its message is tied to
 * it with aria-describedby); after a save, focus something that still exists — never let it fall to <body>.
 */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
}

/** Runs after React has painted the new state (the field's aria-invalid, the status message). */
export function afterRender(work: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(work));
}
