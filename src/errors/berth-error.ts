/**
 * The one error type berth throws on purpose. Every error carries a stable code, a message that
 * names the object it is about, an optional hint that tells the user what to do, and the cause.
 * `kind` is the closed set that decides exit codes (CLI) and HTTP statuses (API) in one place.
 */
export type ErrorKind =
  | 'invalid-project' // the compose project cannot be loaded: exit 1
  | 'usage' // bad command line: exit 2
  | 'not-found'
  | 'conflict'
  | 'unavailable' // an engine or registry that cannot be reached
  | 'internal';

export interface BerthErrorOptions {
  code: string;
  kind: ErrorKind;
  message: string;
  hint?: string;
  cause?: unknown;
}

export class BerthError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;

  constructor(options: BerthErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.code = options.code;
    this.kind = options.kind;
    this.hint = options.hint;
  }

  /** The text a user sees: the message, then the hint on its own line. */
  describe(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

export function usageError(message: string, hint?: string): BerthError {
  return new BerthError({ code: 'USAGE', kind: 'usage', message, hint });
}
