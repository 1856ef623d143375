/** Go's `time.ParseDuration` units, in nanoseconds. */
export const goDurationUnits: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Compose's (compose-go's str2duration): Go's units plus days and weeks. */
export const composeDurationUnits: Readonly<Record<string, number>> = { ...goDurationUnits, d: 86400e9, w: 604800e9 };

const part = /(\d*)(?:\.(\d*))?([a-zµμ]+)/y;

/**
 * Nanoseconds in a duration written as Go writes them (`30s`, `1m30s`, `1.5h`, `-2ms`, `0`), with
 * the given units; `undefined` when the text is not one. Like Go, a fraction is truncated to whole
 * nanoseconds.
 */
export function parseDurationText(text: string, units: Readonly<Record<string, number>> = goDurationUnits): number | undefined {
  const sign = text.startsWith('-') ? -1 : 1;
  const rest = /^[-+]/.test(text) ? text.slice(1) : text;
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  part.lastIndex = 0;
  while (part.lastIndex < rest.length) {
    const match = part.exec(rest);
    if (!match) return undefined;
    const [, whole = '', fraction = '', unit = ''] = match;
    const scale = units[unit];
    if (scale === undefined || (whole === '' && fraction === '')) return undefined;
    total += Number(whole || '0') * scale + (fraction === '' ? 0 : Math.trunc(Number(`0.${fraction}`) * scale));
  }
  return sign * total;
}
