import type { RunInstruction } from '../dockerfile/index.js';
import { chompHeredoc } from '../dockerfile/index.js';

/**
 * What a RUN runs, after BuildKit: exec form as written; shell form through the stage's shell
 * with its heredocs put back after the command, so the shell reads them itself (quoting, `<<-`
 * and expansion are the shell's). `RUN <<EOF` alone runs the body as the script.
 */
export function runArgs(instruction: RunInstruction, shell: readonly string[]): string[] {
  const { command, heredocs } = instruction;
  if (command.form === 'exec') return [...command.args];
  if (heredocs.length === 1 && /^<<-?\s*(['"]?)[^\s'"]+\1\s*$/.test(command.command.trim())) {
    const [only] = heredocs;
    return [...shell, only!.chomp ? chompHeredoc(only!.content) : only!.content];
  }
  if (heredocs.length === 0) return [...shell, command.command];
  const bodies = heredocs.map((heredoc) => `${heredoc.content}${heredoc.name}`).join('\n');
  return [...shell, `${command.command}\n${bodies}`];
}
