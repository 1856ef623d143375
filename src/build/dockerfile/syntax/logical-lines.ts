import type { EscapeCharacter } from '../instruction-types.js';
import { trimLeadingSpace } from './characters.js';
import { withoutLineEnding, type SourceLines } from './source-lines.js';

/** One instruction's text before heredoc bodies: its lines joined where they end in the escape character. */
export interface LogicalLine {
  text: string;
  startLine: number;
  endLine: number;
  /** A blank line inside the continuation, which Docker skips with a warning. */
  hasEmptyContinuationLine: boolean;
}

/**
 * The next instruction line, skipping blank and comment lines; `undefined` at the end of the file.
 * As in BuildKit, a line continues when it ends in the escape character (trailing blanks allowed)
 * not itself escaped; comment lines and blank lines inside a continuation are skipped, and the
 * parts are joined with nothing between them.
 */
export function nextLogicalLine(lines: SourceLines, escape: EscapeCharacter): LogicalLine | undefined {
  const continuation = continuationPattern(escape);
  while (lines.hasMore()) {
    const first = trimLeadingSpace(withoutLineEnding(lines.next()));
    const startLine = lines.lineNumber;
    let { text, continues } = trimContinuation(first.startsWith('#') ? '' : first, continuation);
    if (!continues && text === '') continue;
    let hasEmptyContinuationLine = false;
    while (continues && lines.hasMore()) {
      const line = withoutLineEnding(lines.next());
      const trimmed = trimLeadingSpace(line);
      if (trimmed.startsWith('#')) continue;
      if (trimmed === '') {
        hasEmptyContinuationLine = true;
        continue;
      }
      const part = trimContinuation(line, continuation);
      text += part.text;
      continues = part.continues;
    }
    return { text, startLine, endLine: lines.lineNumber, hasEmptyContinuationLine };
  }
  return undefined;
}

function continuationPattern(escape: EscapeCharacter): RegExp {
  const e = escape === '\\' ? '\\\\' : '`';
  // The first branch keeps the character before the escape; it must not be an escape itself.
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

function trimContinuation(line: string, continuation: RegExp): { text: string; continues: boolean } {
  if (!continuation.test(line)) return { text: line, continues: false };
  return { text: line.replace(continuation, '$1'), continues: true };
}
