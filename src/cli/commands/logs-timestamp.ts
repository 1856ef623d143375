import { parseDuration } from '../../compose-spec/index.js';
import { usageError } from '../../errors/index.js';

/**
 * `--since` and `--until` of `logs` and `events`, turned into what the Engine API reads, as the
 * docker CLI turns them: a duration (`42m`, `1h30m`) counts back from `now`; an RFC 3339 time
 * (`2013-01-02T13:23:37Z`, also without seconds, without a zone meaning local time, or a bare date)
 * becomes `seconds.nanoseconds`; Unix seconds pass as they are.
 */
export function engineTimestamp(option: string, value: string, now: number = Date.now()): string {
  const duration = value === '0' ? undefined : parseDuration(value);
  if (duration !== undefined) return String(Math.floor((now - duration / 1e6) / 1000));
  if (/^\d+(\.\d{1,9})?$/.test(value)) return value;
  const match = /^(\d{4}-\d\d-\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d\d:\d\d)?$/.exec(value);
  if (match) {
    const [, day, hours = '00', minutes = '00', seconds = '00', fraction = '', zone = ''] = match;
    const milliseconds = Date.parse(`${day}T${hours}:${minutes}:${seconds}${zone.toUpperCase()}`);
    if (Number.isFinite(milliseconds)) return `${Math.floor(milliseconds / 1000)}.${fraction.padEnd(9, '0')}`;
  }
  throw usageError(`${option}: failed to parse value as time or duration: "${value}"`, 'give a duration such as 42m, or a time such as 2013-01-02T13:23:37Z');
}
