import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { BerthError } from '../../../errors/index.js';
import { drain, exchange, type HttpMethod, type ReplayableBody } from './http-exchange.js';
import type { InsecureHosts } from './insecure-hosts.js';
import { networkErrorReason } from './network-error-words.js';
import { sleep } from '../abortable.js';
import { backoffDelay, isRetryableStatus, isTransientNetworkError, retryAfterMs } from './retry-policy.js';
import type { RetryPolicy } from './types.js';

export interface TransportSettings {
  readonly insecureHosts: InsecureHosts;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly userAgent: string;
}

export interface TransportRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: OutgoingHttpHeaders;
  /** Sent to `url`'s origin only: a redirect elsewhere (blob storage, a CDN) never sees it. */
  readonly authorization?: string;
  readonly body?: ReplayableBody;
  /** One attempt, no retries: for probing whether a host speaks TLS at all. */
  readonly once?: boolean;
  /** Stops the request, a redirect's or retry's next one, and a back-off wait: send() rejects with its reason. */
  readonly signal?: AbortSignal;
}

const maxRedirects = 10;

/**
 * Registry HTTP below authentication: follows redirects, retries what is worth retrying, and
 * returns the final answer whatever its status, body unread. Statuses are the caller's to judge.
 *
 * - Redirects (301, 302, 303, 307, 308) are followed; `Authorization` goes only to the origin of
 *   the first request, so a blob redirected to object storage does not leak the registry token.
 * - 429, 500, 502, 503, 504 and connection resets are retried with exponential back-off, or after
 *   `Retry-After` when the answer says so; a `Retry-After` beyond the policy's limit is returned
 *   to the caller at once instead of waited for.
 * - A connection that cannot be made or keeps failing becomes REGISTRY_UNREACHABLE.
 */
export class Transport {
  constructor(private readonly settings: TransportSettings) {}

  async send(request: TransportRequest): Promise<IncomingMessage> {
    const retry = request.once ? { ...this.settings.retry, maxAttempts: 1 } : this.settings.retry;
    const { signal } = request;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      let response: IncomingMessage;
      try {
        response = await this.follow(request);
      } catch (error) {
        // An aborted request is not the registry's fault: the caller hears its own reason.
        if (signal?.aborted) throw signal.reason;
        if (attempt < retry.maxAttempts && isTransientNetworkError(error)) {
          await sleep(backoffDelay(retry, attempt), signal);
          continue;
        }
        throw unreachable(request, error);
      }
      const status = response.statusCode ?? 0;
      if (attempt >= retry.maxAttempts || !isRetryableStatus(status)) return response;
      const asked = retryAfterMs(header(response, 'retry-after'));
      if (asked !== undefined && asked > retry.maxRetryAfterMs) return response;
      await drain(response);
      await sleep(asked ?? backoffDelay(retry, attempt), signal);
    }
  }

  private async follow(request: TransportRequest): Promise<IncomingMessage> {
    const origin = request.url.origin;
    let { method, url, body } = request;
    for (let hop = 0; ; hop++) {
      const headers: OutgoingHttpHeaders = { 'user-agent': this.settings.userAgent, ...request.headers };
      if (request.authorization !== undefined && url.origin === origin) headers.authorization = request.authorization;
      const response = await exchange({
        method,
        url,
        headers,
        ...(body === undefined ? {} : { body }),
        insecureTls: this.settings.insecureHosts.allows(url.host),
        timeoutMs: this.settings.timeoutMs,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      const location = header(response, 'location');
      const status = response.statusCode ?? 0;
      if (![301, 302, 303, 307, 308].includes(status) || location === undefined || hop >= maxRedirects) return response;
      await drain(response);
      url = new URL(location, url);
      // As browsers and Go do: 303, and 301/302 after a POST, become a GET without a body.
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
      }
    }
  }
}

/** One header's value (the first, when repeated). */
export function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function unreachable(request: TransportRequest, cause: unknown): BerthError {
  const reason = networkErrorReason(cause);
  return new BerthError({
    code: 'REGISTRY_UNREACHABLE',
    kind: 'unavailable',
    message: `cannot reach registry ${request.url.host} (${request.method} ${request.url.pathname}): ${reason}`,
    hint: 'check the registry address, the network and any proxy; a registry that speaks plain HTTP must be listed in insecure registries',
    cause,
  });
}
