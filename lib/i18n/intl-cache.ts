/**
 * Intl formatters, made once per locale and options. Constructing one costs far more than using
 * it (it loads locale data and time-zone rules), and a board or list formats hundreds of values
 * per page: building them per value was the server's largest CPU cost.
 */
const MAX_ENTRIES = 1_000;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, options: object, make: () => T): T {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    // The keys come from a few locales, zones and currencies; the cap only guards against misuse.
    if (cache.size >= MAX_ENTRIES) cache.clear();
    format = make();
    cache.set(key, format);
  }
  return format;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}
