/** Small readers for raw, schema-valid values. */

export { isMapping, type RawMapping } from '../raw-mapping.js';

/** Go's `fmt.Sprint` of a scalar: how Compose turns numbers and booleans into strings. */
export function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** `a` or `[a, b]` as a list of strings. */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(scalarText);
  return [scalarText(value)];
}

/** A new object with the keys sorted, for maps whose order Compose does not keep. */
export function sortedEntries<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(sorted);
}

/** A number from a number or a numeric string (the schema allows both in many places). */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
