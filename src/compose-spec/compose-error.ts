import { BerthError } from '../errors/index.js';

/** Where in a compose file something stands. Lines and columns count from 1. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A path in the document: `['services', 'web', 'ports', 0]`. */
export type DocumentPath = ReadonlyArray<string | number>;

export interface ComposeErrorOptions {
  /** Stable code, e.g. `COMPOSE_SCHEMA`, `COMPOSE_INTERPOLATION`. */
  code: string;
  /** What is wrong, without the location prefix: `invalid port "abc"`. */
  message: string;
  /** Where the offending value is in the document; filled in with a position by the loader. */
  path?: DocumentPath;
  position?: SourcePosition;
  /** What would have been accepted: `a port number or range such as "8080:80"`. */
  expected?: string;
  hint?: string;
  /** The source line that holds the error, shown under the message. */
  excerpt?: string;
  cause?: unknown;
}

/** `services.web.ports[0]` from `['services', 'web', 'ports', 0]`. */
export function formatDocumentPath(path: DocumentPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

/**
 * An invalid compose project: the one error type the loader throws. Its message reads
 * `compose.yaml:12:7: services.web.ports[0]: invalid port "abc": expected ...` and its hint says
 * what to change.
 */
export class ComposeError extends BerthError {
  readonly path: DocumentPath | undefined;
  readonly position: SourcePosition | undefined;
  readonly detail: string;
  readonly expected: string | undefined;
  readonly excerpt: string | undefined;

  constructor(options: ComposeErrorOptions) {
    super({
      code: options.code,
      kind: 'invalid-project',
      message: composeMessage(options),
      hint: options.hint,
      cause: options.cause,
    });
    this.name = 'ComposeError';
    this.path = options.path;
    this.position = options.position;
    this.detail = options.message;
    this.expected = options.expected;
    this.excerpt = options.excerpt;
  }

  /** The same error, placed at a position in a file (the loader knows files; the phases know paths). */
  at(position: SourcePosition | undefined, excerpt?: string): ComposeError {
    return new ComposeError({
      code: this.code,
      message: this.detail,
      path: this.path,
      position: position ?? this.position,
      expected: this.expected,
      hint: this.hint,
      excerpt: excerpt ?? this.excerpt,
      cause: this.cause,
    });
  }

  override describe(): string {
    const lines = [this.message];
    if (this.excerpt) lines.push(this.excerpt);
    if (this.hint) lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }
}

function composeMessage(options: ComposeErrorOptions): string {
  const where = options.position
    ? `${options.position.file}:${options.position.line}:${options.position.column}: `
    : '';
  const path = options.path && options.path.length > 0 ? `${formatDocumentPath(options.path)}: ` : '';
  const expected = options.expected ? `: expected ${options.expected}` : '';
  return `${where}${path}${options.message}${expected}`;
}
