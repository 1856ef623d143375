import { DockerfileError, parseDockerfile, type Instruction } from '../../../src/build/dockerfile/index.js';
import { berthErrorOf } from '../../helpers/error-of.js';

type Position = 'startLine' | 'endLine' | 'text' | 'source';
type WithoutPosition<T> = T extends unknown ? Omit<T, Position> : never;

/** An instruction without its position fields, to compare what it says. */
export function withoutPosition<T extends Instruction>(instruction: T): WithoutPosition<T> {
  const { startLine: _startLine, endLine: _endLine, text: _text, source: _source, ...rest } = instruction;
  return rest as WithoutPosition<T>;
}

/** The instructions of `body` placed after a `FROM alpine` line (so line numbers start at 2). */
export function instructionsAfterFrom(body: string): Instruction[] {
  return parseDockerfile(`FROM alpine\n${body}`).stages[0]?.instructions ?? [];
}

/** The one instruction of `body` after `FROM alpine`, without its position. */
export function parsedAfterFrom(body: string): WithoutPosition<Instruction> {
  const [instruction] = instructionsAfterFrom(body);
  if (!instruction) throw new Error('no instruction parsed');
  return withoutPosition(instruction);
}

/** One field of the one instruction of `body` after `FROM alpine`. */
export function fieldAfterFrom(body: string, field: string): unknown {
  return (parsedAfterFrom(body) as Record<string, unknown>)[field];
}

/** The DockerfileError parsing `text` throws. */
export function parseError(text: string, file?: string): DockerfileError {
  const error = berthErrorOf(() => parseDockerfile(text, file));
  if (!(error instanceof DockerfileError)) throw new Error(`expected a DockerfileError, got ${error.name}`);
  return error;
}
