/**
 * Focus after a change: after a save, focus something that still exists — never let it fall to <body>. (After a
 * failed submit, react-hook-form focuses the first invalid field itself.)
 */

/** Runs after React has painted the new state (the field's aria-invalid, the status message). */
export function afterRender(work: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(work));
}
