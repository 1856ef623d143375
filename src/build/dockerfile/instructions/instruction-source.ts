import { DockerfileError } from '../dockerfile-error.js';
import type { EscapeCharacter, Heredoc, InstructionPosition } from '../instruction-types.js';

/** What an instruction parser reads: one instruction line cut into parts, with its heredoc bodies. */
export interface InstructionSource {
  /** Upper-case, whatever case it was written in. */
  keyword: string;
  /** The leading `--name=value` words. */
  flags: readonly string[];
  /** The arguments after the flags, trimmed. */
  rest: string;
  heredocs: readonly Heredoc[];
  escape: EscapeCharacter;
  position: InstructionPosition;
  /** Records a warning at the instruction's line. */
  warn(message: string): void;
}

/**
 * A syntax error without a location; the parser adds the file and the instruction's line. Every
 * instruction parser throws these.
 */
export function syntaxError(detail: string, hint?: string): DockerfileError {
  return new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail, hint });
}

/** The error for an instruction that needs an argument and has none, or has too many. */
export function argumentCountError(keyword: string, needs: 'exactly one argument' | 'at least one argument', usage: string): DockerfileError {
  return syntaxError(`${keyword} requires ${needs}`, `write ${usage}`);
}
