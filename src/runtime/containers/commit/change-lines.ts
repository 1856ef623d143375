/**
 * `docker commit --change` values as Docker reads them: joined with newlines and parsed as a
 * Dockerfile (moby's BuildFromConfig), so a value may hold several instructions, a line ending in
 * `\` goes on with the next, and blank and `#` comment lines are skipped. Each instruction is
 * its name (upper-cased), its leading `--flag[=value]` words, and the rest of its text.
 */
export interface ChangeInstruction {
  /** `CMD`, `ENV`... as written, upper-cased. */
  name: string;
  /** `--interval=5s` as `interval` -> `5s`; a flag without `=` has the value ''. */
  flags: Map<string, string>;
  /** The text after the name and the flags, trimmed. */
  rest: string;
  /** The whole instruction as written (continuations joined): ONBUILD keeps its trigger's text. */
  original: string;
}

export function changeInstructions(changes: readonly string[]): ChangeInstruction[] {
  const instructions: ChangeInstruction[] = [];
  let pending = '';
  for (const line of changes.join('\n').split('\n')) {
    const trimmed = line.trim();
    // Inside a continuation too, as in a Dockerfile.
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/\\[ \t]*$/.test(line)) {
      pending += line.replace(/\\[ \t]*$/, '');
      continue;
    }
    const original = (pending + line).trim();
    pending = '';
    if (original !== '') instructions.push(parseInstruction(original));
  }
  if (pending.trim() !== '') instructions.push(parseInstruction(pending.trim()));
  return instructions;
}

function parseInstruction(original: string): ChangeInstruction {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(original)!;
  const name = match[1]!.toUpperCase();
  let rest = match[2]!;
  const flags = new Map<string, string>();
  // ONBUILD's text is another instruction, whose flags are its own.
  while (name !== 'ONBUILD') {
    const flag = /^--([^\s=]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
    if (!flag) break;
    flags.set(flag[1]!, flag[2] ?? '');
    rest = rest.slice(flag[0].length);
  }
  return { name, flags, rest: rest.trim(), original };
}
