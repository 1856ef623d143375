import { badParameter } from '../../http/api-error.js';

const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const goDuration = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const durationPart = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

/**
 * The cut-off a prune's `until` filter names, in milliseconds, as dockerd's timetypes.GetTimestamp
 * reads it: a Go duration back from `now` (`24h`, `1h30m`), a Unix time in seconds (`1700000000`,
 * fractions allowed), or a date and time (`2024-01-02`, `2024-01-02T15:04:05Z`; local time without
 * a zone). Anything else is dockerd's 400.
 */
export function untilCutoff(values: readonly string[] | undefined, now = Date.now()): number | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw badParameter('more than one until filter specified');
  const value = values[0]!;
  if (goDuration.test(value)) {
    let milliseconds = 0;
    for (const [, amount, unit] of value.matchAll(durationPart)) milliseconds += Number(amount) * durationUnits[unit!]!;
    return now - milliseconds;
  }
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000;
  // A date alone is local midnight in Go's parsing, where JavaScript would take UTC.
  const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(parsed)) return parsed;
  throw badParameter(`failed to parse value as time or duration: "${value}"`);
}
