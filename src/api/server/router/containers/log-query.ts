import { parseLogTimestamp } from '../../../../runtime/containers/monitor/index.js';
import { badParameter } from '../../http/api-error.js';
import type { QueryReader } from '../../http/query.js';

/** What `GET /containers/{id}/logs` asks, in the engine's terms. */
export interface LogQuery {
  stdout: boolean;
  stderr: boolean;
  follow: boolean;
  timestamps: boolean;
  /** `docker logs --details`: each line after its attributes (`--log-opt labels=...`; berth keeps none) and a space. */
  details: boolean;
  since?: bigint;
  until?: bigint;
  tail?: number;
}

/**
 * The logs query read as dockerd reads it: the streams default to off and one must be chosen
 * (Docker's 400); `since` and `until` are Unix seconds with an optional fraction (the docker CLI
 * sends `seconds.nanoseconds`), an RFC 3339 time is taken too, and 0 means no bound; `tail` is
 * a count, anything else (`all`, a negative count, garbage) meaning everything.
 */
export function logQuery(query: QueryReader): LogQuery {
  const stdout = query.bool('stdout');
  const stderr = query.bool('stderr');
  if (!stdout && !stderr) throw badParameter('Bad parameters: you must choose at least one stream', 'ask for stdout=1, stderr=1 or both');
  const since = logTime(query, 'since');
  const until = logTime(query, 'until');
  const tail = query.string('tail')?.trim() ?? '';
  return {
    stdout,
    stderr,
    follow: query.bool('follow'),
    timestamps: query.bool('timestamps'),
    details: query.bool('details'),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(/^\d+$/.test(tail) ? { tail: Number(tail) } : {}),
  };
}

/** Nanoseconds since the epoch, or undefined for no bound. */
function logTime(query: QueryReader, name: string): bigint | undefined {
  const text = query.string(name)?.trim();
  if (!text) return undefined;
  const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text);
  const nanoseconds = unix ? BigInt(unix[1]!) * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0')) : parseLogTimestamp(text);
  if (nanoseconds === undefined) throw badParameter(`invalid value for ${name}: ${JSON.stringify(text)} is neither Unix seconds nor an RFC 3339 time`, 'send seconds.nanoseconds, as the docker CLI does');
  return nanoseconds === 0n ? undefined : nanoseconds;
}
