// [Renderer, classic script] ICU's start-up, paid while the app's module is still downloading and compiling.
// The first Intl formatter a page builds pays for it (25–80 ms on a slow machine); the main thread is idle in
// that gap, and the app's first figures would otherwise pay it in front of their paint. ICU keeps what it
// loaded for the whole process, so these throwaway formatters leave the app's own ones cheap. index.html loads
// this after the module script (vite.config.ts), so the module's download starts first. Plain JavaScript,
// copied as is: it must run before the module graph, which a module cannot.
new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(1234.5);
new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(0.5);
new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-5, 'minute');
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(0);
