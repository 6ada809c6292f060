/**
 * The one cache of Intl number formats, shared by main (money.ts) and the renderer (lib/format.ts). Building an
 * Intl.NumberFormat is costly (ICU looks up the locale's patterns) and charts format hundreds of values per
 * render: one per locale and options, built on first use, reused by every figure.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function cachedNumberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}
