import type { DocumentPath } from '../compose-error.js';
import type { Duration } from '../model/index.js';
import { invalidValue } from './normalize-error.js';
import { composeDurationUnits, parseDurationText } from '../../format/duration-text.js';

/**
 * Nanoseconds in a Compose duration, read as compose-go reads it (str2duration: Go's units plus
 * `d` and `w`, several parts, fractions, a sign). `undefined` when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  return parseDurationText(text, composeDurationUnits);
}

/** Go's `time.Duration.String()`: `0s`, `1.5µs`, `500ms`, `1.5s`, `1m30s`, `1h0m0s`. */
export function formatDuration(nanoseconds: number): Duration {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  const ns = Math.abs(nanoseconds);
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${decimal(ns, 1e3)}µs`;
  if (ns < 1e9) return `${sign}${decimal(ns, 1e6)}ms`;
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const seconds = decimal(ns % 60e9, 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** `value / unit` in decimal, trailing zeros of the fraction dropped, on integers to stay exact. */
function decimal(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** A raw duration in its canonical printed form, or a ComposeError at `path`. */
export function normalizeDuration(value: unknown, path: DocumentPath): Duration {
  const text = String(value);
  const nanoseconds = parseDuration(text);
  if (nanoseconds === undefined) {
    const reason = /^[-+]?[0-9.]+$/.test(text) ? 'missing unit in duration' : 'invalid duration';
    throw invalidValue(path, `${reason} ${JSON.stringify(text)}`, 'a duration such as "30s", "1m30s" or "500ms"', 'add a unit: ns, us, ms, s, m, h, d or w');
  }
  return formatDuration(nanoseconds);
}
