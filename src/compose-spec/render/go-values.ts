import { parseByteSize } from '../normalize/byte-size.js';
import { formatDuration, parseDuration } from '../normalize/durations.js';
import { formatFileMode as formatModeInOctal } from '../normalize/file-mode.js';

/**
 * Compose values whose printed form comes from Go: durations as `time.Duration.String()`
 * (`1m30s`), byte sizes as plain byte counts, file modes in octal (`"0440"`), floats in Go's
 * `%g` form. The model may hold them as written (`"1m30s"`, `"512m"`) or already converted;
 * both print the same. Parsing and formatting are normalize's; this adds the tolerant reading.
 */

/** Nanoseconds in a compose duration (`1h30m`, `1.5s`, `2d`); numbers are taken as nanoseconds already. */
export function durationNanoseconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseDuration(value.trim()) : undefined;
}

/** Go's `time.Duration.String()`: `0s`, `500ms`, `1.5s`, `1m30s`, `1h0m0s`. */
export const formatGoDuration = formatDuration;

/** Bytes in a size (`512m`, `1gb`, `1.5g`, or a number), as docker/go-units' RAMInBytes reads it. */
export const sizeInBytes = parseByteSize;

/** compose-go prints file modes in octal with a leading zero: `"0440"`; undefined for a non-mode. */
export function formatFileMode(value: unknown): string | undefined {
  const mode = typeof value === 'string' ? Number.parseInt(value, 8) : value;
  return typeof mode === 'number' && !Number.isNaN(mode) ? formatModeInOctal(mode) : undefined;
}

/**
 * Go's `strconv.FormatFloat(f, 'g', -1, bits)` as yaml.v3 writes floats: the shortest digits,
 * with an exponent below 1e-4 or from 1e6 on (`1e+06`, `1e-05`).
 */
export function formatGoFloat(value: number, bits: 32 | 64): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const shortest = bits === 32 ? shortestFloat32(value) : value;
  if (shortest === 0) return Object.is(shortest, -0) ? '-0' : '0';
  const [mantissa, exponentText] = shortest.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  // Between 1e-4 and 1e6 JavaScript writes the same plain digits as Go.
  return String(shortest);
}

/** The shortest decimal that reads back as the same float32 (what Go prints for a float32 field). */
function shortestFloat32(value: number): number {
  const single = Math.fround(value);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(single.toPrecision(precision));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}
