import { BerthError } from '../errors/index.js';

const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const durationPattern = /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const timePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/;

/**
 * The `until` of a prune filter as milliseconds since the epoch, as Docker's GetTimestamp reads it:
 * a Go duration before `now` (`24h`, `1h30m`, `90s`), Unix seconds with an optional fraction
 * (`1700000000.5`), or an RFC 3339 date or time, whole or cut short (`2026-11-23`,
 * `2026-11-23T16:15`, `2026-11-23T16:15:45.5Z`, `...+01:00`); without a zone, local time.
 */
export function parseUntil(value: string, now: Date): number {
  if (value !== '0' && durationPattern.test(value)) return now.getTime() - goDuration(value);
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const match = timePattern.exec(value);
  if (match) {
    const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
    const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3))] as const;
    if (zone === undefined) return new Date(...fields).getTime();
    const offset = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    return Date.UTC(...fields) - offset * 60_000;
  }
  throw new BerthError({
    code: 'INVALID_FILTER',
    kind: 'usage',
    message: `failed to parse value as time or duration: ${JSON.stringify(value)}`,
    hint: 'give until as a duration before now (24h, 90m), Unix seconds, or a date and time (2026-11-23T16:15:00Z)',
  });
}

/** A Go duration (`1h30m`, `-1.5s`) in milliseconds. */
function goDuration(value: string): number {
  const sign = value.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(amount) * durationUnits[unit!]!;
  return sign * total;
}
