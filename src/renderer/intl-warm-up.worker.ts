/**
 * [Renderer, dedicated worker] Starts ICU while the main thread is busy evaluating React and rendering.
 * The first Intl formatter a Chromium renderer builds pays for ICU's start-up (locale data, number and date
 * patterns: 25–80 ms on a slow machine) and ICU keeps that in caches shared by the whole process, so paying it
 * here, on another thread, leaves the main thread's first money figure cheap. Nothing is sent back but "done".
 */
const locale = undefined; // the page's default locale, as the renderer's own formatters use
new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(1234.5);
new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(0.5);
new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-5, 'minute');
new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(0);
postMessage('done');
