import { BerthError, type ErrorKind } from '../../errors/berth-error.js';

/** The request an engine answered with an error: method and path as sent (with `/v1.NN`). */
export interface FailedRequest {
  method: string;
  path: string;
}

/**
 * An error answer from an engine, as a value: the HTTP status, Docker's own message (which
 * already names the object: `No such container: web`), and what was asked. Callers branch on
 * `kind` or `code`, never on the message text.
 */
export class EngineError extends BerthError {
  /** The HTTP status; 200 for an error the engine reported inside a streamed answer. */
  readonly status: number;
  /** Docker's `message` (or `errorDetail.message` in a stream), unchanged. */
  readonly engineMessage: string;
  readonly method: string;
  readonly path: string;

  constructor(status: number, engineMessage: string, request: FailedRequest, classified: Classification) {
    super({
      code: classified.code,
      kind: classified.kind,
      message: `${engineMessage} (engine answered ${status} to ${request.method} ${request.path})`,
      hint: classified.hint,
    });
    this.name = 'EngineError';
    this.status = status;
    this.engineMessage = engineMessage;
    this.method = request.method;
    this.path = request.path;
  }
}

interface Classification {
  code: string;
  kind: ErrorKind;
  hint?: string;
}

/**
 * The one map from Docker's statuses to berth's error kinds. These are the statuses moby's
 * errdefs produce (errdefs/http_helpers.go); anything else falls back by class, as moby's own
 * client does.
 */
export function classifyStatus(status: number): Classification {
  switch (status) {
    case 304:
      return { code: 'ENGINE_NOT_MODIFIED', kind: 'conflict' };
    case 400:
      return { code: 'ENGINE_BAD_PARAMETER', kind: 'usage' };
    case 401:
      return { code: 'ENGINE_UNAUTHORIZED', kind: 'usage', hint: 'log in to the registry (docker login) or check the credentials for it' };
    case 403:
      return { code: 'ENGINE_FORBIDDEN', kind: 'usage' };
    case 404:
      return { code: 'ENGINE_NOT_FOUND', kind: 'not-found' };
    case 409:
      return { code: 'ENGINE_CONFLICT', kind: 'conflict' };
    case 412:
      return { code: 'ENGINE_PRECONDITION_FAILED', kind: 'conflict' };
    case 501:
      return { code: 'ENGINE_NOT_IMPLEMENTED', kind: 'usage', hint: 'this engine does not support the operation; check its version and configuration' };
    case 503:
      return { code: 'ENGINE_UNAVAILABLE', kind: 'unavailable', hint: 'the engine is not ready for this operation; its log says why' };
  }
  if (status >= 400 && status < 500) return { code: 'ENGINE_BAD_REQUEST', kind: 'usage' };
  return { code: 'ENGINE_INTERNAL', kind: 'internal', hint: "the engine failed on its side; its log may say more" };
}

/**
 * Turns an error answer into an EngineError. `body` is the raw answer text: `{"message": ...}`
 * from Docker, or anything else from a proxy in between, which is then shown as it is.
 */
export function engineErrorFrom(status: number, body: string, request: FailedRequest): EngineError {
  return new EngineError(status, messageOf(body, status, request.path), request, classifyStatus(status));
}

/**
 * An error the engine reported inside a 200 stream (`{"error": ..., "errorDetail": {...}}` in
 * pull, import, push or build output). The engine gives no status for it, so its kind is
 * `internal` unless the caller knows better.
 */
export function streamedEngineError(engineMessage: string, request: FailedRequest): EngineError {
  return new EngineError(200, engineMessage, request, { code: 'ENGINE_STREAM_ERROR', kind: 'internal' });
}

function messageOf(body: string, status: number, path: string): string {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
        return (parsed as { message: string }).message;
      }
    } catch {
      // Not JSON after all: the text itself is the best message there is.
    }
  }
  if (text !== '') return text.length > 500 ? `${text.slice(0, 500)}...` : text;
  return status === 304 ? notModifiedMessage(path) : `no message (HTTP ${status})`;
}

/** A 304 has no body by HTTP's rules, so the message is made from what was asked. */
function notModifiedMessage(path: string): string {
  const match = /\/containers\/([^/?]+)\/(start|stop)/.exec(path);
  if (!match) return 'nothing to change';
  return `container ${decodeURIComponent(match[1]!)} is already ${match[2] === 'start' ? 'started' : 'stopped'}`;
}
