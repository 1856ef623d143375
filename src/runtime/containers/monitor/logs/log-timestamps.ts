/**
 * Log times as nanoseconds since the Unix epoch (bigint): conmon stamps lines with nanosecond
 * precision, Docker's `since`/`until` take fractional seconds to the nanosecond, and a Date
 * would round both to milliseconds.
 */
const timestampPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** conmon's `2026-11-23T15:14:41.397318229+00:00` (any offset, or Z) to nanoseconds. */
export function parseLogTimestamp(text: string): bigint | undefined {
  const match = timestampPattern.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const utcMilliseconds = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const seconds = BigInt(utcMilliseconds / 1000 - offsetMinutes * 60);
  return seconds * 1_000_000_000n + BigInt(fraction.padEnd(9, '0') || '0');
}

/**
 * Docker's log timestamp (RFC 3339 with nine fraction digits, in UTC, as `docker logs -t` prints
 * it): `2026-11-23T15:14:41.397318229Z`.
 */
export function formatLogTimestamp(nanoseconds: bigint): string {
  const seconds = nanoseconds / 1_000_000_000n;
  const fraction = (nanoseconds % 1_000_000_000n).toString().padStart(9, '0');
  const date = new Date(Number(seconds) * 1000).toISOString(); // 2026-11-23T15:14:41.000Z
  return `${date.slice(0, 19)}.${fraction}Z`;
}
