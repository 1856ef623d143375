import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { BerthError, type BerthErrorOptions, type ErrorKind } from '../../../errors/index.js';
import { readBody } from './http-exchange.js';
import { header } from './transport.js';

/** One entry of a registry's error body: `MANIFEST_UNKNOWN`, `manifest unknown`. */
export interface RegistryErrorEntry {
  readonly code: string;
  readonly message: string;
}

/**
 * A registry's answer that was not the expected one, as data beside the sentence: the HTTP
 * status and the registry's own error entries (in the order it sent them; none when its body
 * was not the distribution spec's), so callers that speak another protocol's words (dockerd's
 * "manifest unknown") need not read them back out of the message.
 */
export class RegistryRefusal extends BerthError {
  readonly status: number;
  readonly registryErrors: readonly RegistryErrorEntry[];

  constructor(options: BerthErrorOptions & { status: number; registryErrors: readonly RegistryErrorEntry[] }) {
    super(options);
    this.name = 'RegistryRefusal';
    this.status = options.status;
    this.registryErrors = options.registryErrors;
  }
}

/** The distribution spec's error body, `{"errors":[{"code","message","detail"}]}`; [] for anything else. */
function parseRegistryErrors(body: Buffer): RegistryErrorEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    const { code, message } = (entry ?? {}) as { code?: unknown; message?: unknown };
    return typeof code === 'string' ? [{ code, message: typeof message === 'string' ? message : '' }] : [];
  });
}

/**
 * Docker Hub's pull counters, `ratelimit-limit: 100;w=21600` and `ratelimit-remaining: 0;w=21600`,
 * as a sentence; undefined when the registry sent neither.
 */
function describeRateLimit(response: IncomingMessage): string | undefined {
  const limit = header(response, 'ratelimit-limit');
  const remaining = header(response, 'ratelimit-remaining');
  if (limit === undefined && remaining === undefined) return undefined;
  const [count, window] = parseCounter(limit);
  const [left] = parseCounter(remaining);
  const per = window === undefined ? '' : ` per ${window % 3600 === 0 ? `${window / 3600} h` : `${window} s`}`;
  return `rate limit: ${left ?? '?'} of ${count ?? '?'} pulls left${per}`;
}

function parseCounter(value: string | undefined): [number | undefined, number | undefined] {
  const match = value === undefined ? null : /^\s*(\d+)\s*(?:;\s*w=(\d+))?/.exec(value);
  return match ? [Number(match[1]), match[2] === undefined ? undefined : Number(match[2])] : [undefined, undefined];
}

const byStatus: Record<number, { code: string; kind: ErrorKind; hint: (registry: string) => string }> = {
  401: {
    code: 'REGISTRY_UNAUTHORIZED',
    kind: 'unavailable',
    hint: (registry) => `log in with \`berth login ${registry}\`; registries also answer 401 for repositories that do not exist, so check the name`,
  },
  403: { code: 'REGISTRY_DENIED', kind: 'unavailable', hint: () => 'the credentials in use do not allow this; check your access to the repository' },
  404: { code: 'REGISTRY_NOT_FOUND', kind: 'not-found', hint: () => 'check the repository name and the tag or digest' },
  429: {
    code: 'REGISTRY_RATE_LIMITED',
    kind: 'unavailable',
    hint: (registry) => `wait before trying again, log in with \`berth login ${registry}\` for a higher limit, or configure a registry mirror`,
  },
};

/**
 * The error for a registry answer that is not the expected one: the registry, what was asked
 * (`subject`, e.g. `manifest library/busybox:latest`), the status, the registry's own error codes
 * and messages, and Docker Hub's rate-limit counters when a refusal carries them.
 */
export async function registryFailure(response: IncomingMessage, registry: string, subject: string): Promise<RegistryRefusal> {
  const status = response.statusCode ?? 0;
  let entries: RegistryErrorEntry[] = [];
  try {
    entries = parseRegistryErrors(await readBody(response, 64 * 1024));
  } catch {
    // An unreadable or huge error body leaves the status to speak for itself.
  }
  const said = entries.map((entry) => (entry.message ? `${entry.code}: ${entry.message}` : entry.code)).join('; ');
  const rateLimit = status === 401 || status === 403 || status === 429 ? describeRateLimit(response) : undefined;
  const known = byStatus[status];
  const parts = [`${status} ${STATUS_CODES[status] ?? ''}`.trim(), said, rateLimit].filter((part) => part !== undefined && part !== '');
  return new RegistryRefusal({
    status,
    registryErrors: entries,
    code: known?.code ?? 'REGISTRY_ERROR',
    kind: known?.kind ?? 'unavailable',
    message: `registry ${registry} refused ${subject}: ${parts.join(', ')}`,
    hint: known?.hint(registry) ?? (status >= 500 ? 'the registry failed; try again later' : 'the registry did not accept the request'),
  });
}
