import { ASCII_BLANKS, isSpace, trimSpace } from './characters.js';

/** An instruction line cut into its keyword, its leading `--flags` and the rest. */
export interface CommandParts {
  /** As written; keywords are case-insensitive. */
  keyword: string;
  /** Each flag with quotes removed and backslash escapes applied: `--mount=type=cache,target=/x`. */
  flags: string[];
  rest: string;
}

export function splitCommand(line: string): CommandParts {
  const trimmed = trimSpace(line);
  const blank = ASCII_BLANKS.exec(trimmed);
  if (!blank) return { keyword: trimmed, flags: [], rest: '' };
  const { flags, rest } = extractFlags(trimmed.slice(blank.index + blank[0].length));
  return { keyword: trimmed.slice(0, blank.index), flags, rest: trimSpace(rest) };
}

/**
 * Takes the words starting with `--` from the front of `args`, as BuildKit does: quotes group,
 * a backslash escapes the next character (whatever the escape directive says), and a bare `--`
 * ends the flags.
 */
function extractFlags(args: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let position = 0;
  while (position < args.length) {
    if (isSpace(args[position])) {
      position++;
      continue;
    }
    if (!args.startsWith('--', position)) return { flags, rest: args.slice(position) };
    const { word, end } = readFlagWord(args, position);
    if (word === '--') return { flags, rest: args.slice(end) };
    flags.push(word);
    position = end;
  }
  return { flags, rest: '' };
}

function readFlagWord(args: string, start: number): { word: string; end: number } {
  let word = '';
  let quote: string | undefined;
  let position = start;
  for (; position < args.length; position++) {
    let character = args[position] as string;
    if (quote === undefined && isSpace(character)) break;
    if (character === quote) {
      quote = undefined;
      continue;
    }
    if (quote === undefined && (character === '"' || character === "'")) {
      quote = character;
      continue;
    }
    if (character === '\\') {
      // A backslash at the very end is dropped.
      if (position + 1 === args.length) continue;
      position++;
      character = args[position] as string;
    }
    word += character;
  }
  return { word, end: position };
}
