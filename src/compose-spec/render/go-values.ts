/**
 * Compose values whose printed form comes from Go: durations as `time.Duration.String()`
 * (`1m30s`), byte sizes as plain byte counts, file modes in octal (`"0440"`), floats in Go's
 * `%g` form. The model may hold them as written (`"1m30s"`, `"512m"`) or already converted;
 * both print the same.
 */

const durationUnits: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 604800e9,
};

/** Nanoseconds in a compose duration (`1h30m`, `1.5s`, `2d`); numbers are taken as nanoseconds already. */
export function durationNanoseconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '0') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(body); match; match = part.exec(body)) {
    total += Number(match[1]) * durationUnits[match[2]!]!;
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== body.length) return undefined;
  return sign * Math.round(total);
}

/** Go's `time.Duration.String()`: `0s`, `500ms`, `1.5s`, `1m30s`, `1h0m0s`. */
export function formatGoDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const negative = nanoseconds < 0;
  const ns = Math.abs(nanoseconds);
  let text: string;
  if (ns < 1e9) {
    if (ns < 1e3) text = `${ns}ns`;
    else if (ns < 1e6) text = `${trimFraction(ns, 1e3)}µs`;
    else text = `${trimFraction(ns, 1e6)}ms`;
  } else {
    const hours = Math.floor(ns / 3600e9);
    const minutes = Math.floor((ns % 3600e9) / 60e9);
    const seconds = trimFraction(ns % 60e9, 1e9);
    if (hours > 0) text = `${hours}h${minutes}m${seconds}s`;
    else if (minutes > 0) text = `${minutes}m${seconds}s`;
    else text = `${seconds}s`;
  }
  return negative ? `-${text}` : text;
}

/** `value / unit` with the fraction's trailing zeros dropped, computed on integers to stay exact. */
function trimFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

const byteUnits: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Bytes in a size (`512m`, `1gb`, `1.5g`, or a number), as docker/go-units' RAMInBytes reads it. */
export function sizeInBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP]?)[iI]?[bB]?$/.exec(value.trim());
  if (!match) return undefined;
  const unit = byteUnits[(match[2] || 'b').toLowerCase()]!;
  return Math.trunc(Number(match[1]) * unit);
}

/** compose-go prints file modes in octal with a leading zero: `"0440"`. */
export function formatFileMode(value: unknown): string | undefined {
  const mode = typeof value === 'string' ? Number.parseInt(value, 8) : value;
  if (typeof mode !== 'number' || Number.isNaN(mode)) return undefined;
  return `0${mode.toString(8)}`;
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
