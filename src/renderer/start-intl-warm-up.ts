/**
 * Imported by main.tsx right after the dashboard request is sent: ICU starts on another thread (see
 * intl-warm-up.worker.ts) while this one evaluates React and renders. The worker ends itself once done.
 * Where workers are unavailable nothing changes: the first formatter simply pays for ICU itself.
 */
try {
  const worker = new Worker(new URL('./intl-warm-up.worker.ts', import.meta.url), { type: 'module', name: 'intl-warm-up' });
  worker.addEventListener('message', () => worker.terminate(), { once: true });
  worker.addEventListener('error', () => worker.terminate(), { once: true });
} catch {
  // no workers here (or the CSP forbids them): a warm-up is an optimisation, never a requirement
}
