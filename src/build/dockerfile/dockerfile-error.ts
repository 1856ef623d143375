import { BerthError } from '../../errors/index.js';

/** Where a Dockerfile problem is: the file as the user named it, and the 1-based line when known. */
export interface DockerfileLocation {
  file: string;
  line?: number;
}

export type DockerfileErrorCode =
  | 'DOCKERFILE_SYNTAX' // a malformed instruction, directive, heredoc or JSON form
  | 'DOCKERFILE_UNKNOWN_INSTRUCTION'
  | 'DOCKERFILE_UNKNOWN_FLAG' // a flag the instruction does not take, or one berth does not support
  | 'DOCKERFILE_INVALID_MOUNT' // a RUN --mount spec
  | 'DOCKERFILE_NO_STAGE' // no FROM, or an instruction before the first FROM
  | 'DOCKERFILE_EXPANSION'; // a bad `${...}` or a required variable that is unset

export interface DockerfileErrorOptions {
  code: DockerfileErrorCode;
  /** What is wrong, without the location: `unknown instruction: RUNN`. */
  detail: string;
  hint?: string;
  at?: DockerfileLocation;
  cause?: unknown;
}

/**
 * A Dockerfile that cannot be built as written. Its message reads `Dockerfile:7: unknown
 * instruction: RUNN` and its hint says what to change. Kind `usage`, as dockerd answers 400 to a
 * bad Dockerfile.
 */
export class DockerfileError extends BerthError {
  readonly detail: string;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(options: DockerfileErrorOptions) {
    super({ code: options.code, kind: 'usage', message: located(options.detail, options.at), hint: options.hint, cause: options.cause });
    this.name = 'DockerfileError';
    this.detail = options.detail;
    this.file = options.at?.file;
    this.line = options.at?.line;
  }

  /** The same error placed at `at`: how an expansion or mount error learns the line it came from. */
  at(at: DockerfileLocation): DockerfileError {
    return new DockerfileError({ code: this.code as DockerfileErrorCode, detail: this.detail, hint: this.hint, at, cause: this.cause });
  }
}

function located(detail: string, at: DockerfileLocation | undefined): string {
  if (!at) return detail;
  return at.line === undefined ? `${at.file}: ${detail}` : `${at.file}:${at.line}: ${detail}`;
}
