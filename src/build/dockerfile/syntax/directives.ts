import type { ParserDirectives } from '../dockerfile-types.js';
import { DockerfileError } from '../dockerfile-error.js';
import type { EscapeCharacter } from '../instruction-types.js';
import { trimLeadingSpace } from './characters.js';
import { splitLines, withoutLineEnding } from './source-lines.js';

const KNOWN = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/**
 * Reads `# key=value` directives from the top of the file, as BuildKit does: they stop at the first
 * line that is not one (an instruction, a blank line, a plain comment, or an unknown directive,
 * which then counts as a plain comment). A directive given twice is an error.
 */
export function readParserDirectives(text: string, file: string): ParserDirectives {
  const directives: ParserDirectives = { escape: '\\' };
  const seen = new Set<string>();
  for (const [index, line] of splitLines(text).entries()) {
    const directive = directiveOf(line);
    if (!directive) break;
    const at = { file, line: index + 1 };
    if (seen.has(directive.key)) {
      throw new DockerfileError({
        code: 'DOCKERFILE_SYNTAX',
        detail: `only one ${directive.key} parser directive can be used`,
        hint: `keep one "# ${directive.key}=" line`,
        at,
      });
    }
    seen.add(directive.key);
    if (directive.key === 'escape') directives.escape = escapeCharacter(directive.value, at);
    else if (directive.key === 'syntax') directives.syntax = directive.value;
    else directives.check = directive.value;
  }
  return directives;
}

function directiveOf(line: string): { key: string; value: string } | undefined {
  const trimmed = trimLeadingSpace(withoutLineEnding(line));
  if (!trimmed.startsWith('#')) return undefined;
  const match = DIRECTIVE.exec(trimLeadingSpace(trimmed.slice(1)));
  const key = match?.[1]?.toLowerCase();
  if (!match || key === undefined || !KNOWN.has(key)) return undefined;
  return { key, value: match[2] as string };
}

function escapeCharacter(value: string, at: { file: string; line: number }): EscapeCharacter {
  if (value === '\\' || value === '`') return value;
  throw new DockerfileError({
    code: 'DOCKERFILE_SYNTAX',
    detail: `invalid escape token '${value}' does not match \` or \\`,
    hint: 'write "# escape=\\" or "# escape=`"',
    at,
  });
}
