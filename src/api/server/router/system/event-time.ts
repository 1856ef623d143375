import { badParameter } from '../../http/api-error.js';

/**
 * `since` and `until` of `GET /events` in nanoseconds since the epoch, or undefined when not
 * given. The docker CLI sends Unix seconds with an optional fraction (`1700000000.123456789`),
 * as dockerd's timetypes parse them; an RFC 3339 time is taken too, for clients that send one.
 */
export function eventTime(value: string | undefined, name: string): bigint | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const seconds = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(text);
  if (seconds) {
    const whole = BigInt(seconds[1]!) * 1_000_000_000n;
    const fraction = BigInt((seconds[2] ?? '').padEnd(9, '0'));
    return whole < 0n ? whole - fraction : whole + fraction;
  }
  const millis = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(millis)) return BigInt(millis) * 1_000_000n;
  throw badParameter(`invalid value for ${name}: ${JSON.stringify(value)} is neither Unix seconds nor an RFC 3339 time`, 'give seconds since the epoch, with an optional fraction: 1700000000.5');
}

export function nowNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
