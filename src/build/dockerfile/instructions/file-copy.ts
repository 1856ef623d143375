import { readFlags } from '../flags/instruction-flags.js';
import type { AddInstruction, CopyInstruction, FileSource, Heredoc } from '../instruction-types.js';
import { splitAtBlanks } from '../syntax/characters.js';
import { chompHeredoc, heredocOpenerOf } from '../syntax/heredocs.js';
import { jsonArrayOf } from '../syntax/json-form.js';
import { syntaxError, type InstructionSource } from './instruction-source.js';

/** `COPY [--from=...] [--chown=...] [--chmod=...] [--link] <src>... <dest>`, sources may be heredocs. */
export function parseCopy(source: InstructionSource): CopyInstruction {
  const flags = readFlags('COPY', source.flags, { from: 'string', chown: 'string', chmod: 'string', link: 'bool' });
  const instruction: CopyInstruction = { keyword: 'COPY', ...source.position, ...sourcesAndDestination(source), link: flags.link ?? false };
  if (flags.from) instruction.from = flags.from;
  if (flags.chown) instruction.chown = flags.chown;
  if (flags.chmod) instruction.chmod = flags.chmod;
  return instruction;
}

/** `ADD [--chown=...] [--chmod=...] [--link] <src>... <dest>`: COPY plus URLs and local tar extraction. */
export function parseAdd(source: InstructionSource): AddInstruction {
  const flags = readFlags('ADD', source.flags, { chown: 'string', chmod: 'string', link: 'bool' });
  const instruction: AddInstruction = { keyword: 'ADD', ...source.position, ...sourcesAndDestination(source), link: flags.link ?? false };
  if (flags.chown) instruction.chown = flags.chown;
  if (flags.chmod) instruction.chmod = flags.chmod;
  return instruction;
}

/**
 * The JSON form's strings, or the shell form's blank-separated words (quotes are not special
 * there: paths with spaces need the JSON form). The last word is the destination.
 */
function sourcesAndDestination(source: InstructionSource): { sources: FileSource[]; destination: string } {
  const json = jsonArrayOf(source.rest);
  const args = json ?? joinHeredocWords(splitAtBlanks(source.rest));
  const destination = args.at(-1);
  if (destination === undefined || args.length < 2) {
    throw syntaxError(
      `${source.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
      `write ${source.keyword} <source>... <destination>`,
    );
  }
  if (json === undefined && heredocOpenerOf(destination)) {
    throw syntaxError(`${source.keyword} cannot accept a heredoc as a destination`, `write ${source.keyword} <<EOF <destination>`);
  }
  const sources = args.slice(0, -1).map((word): FileSource => (json === undefined ? fileSourceOf(word, source.heredocs) : { kind: 'path', path: word }));
  return { sources, destination };
}

function fileSourceOf(word: string, heredocs: readonly Heredoc[]): FileSource {
  const opener = heredocOpenerOf(word);
  const heredoc = opener && heredocs.find((candidate) => candidate.name === opener.name);
  if (!opener || !heredoc) return { kind: 'path', path: word };
  const content = opener.chomp ? chompHeredoc(heredoc.content) : heredoc.content;
  return { kind: 'heredoc', name: opener.name, content, expand: opener.expand };
}

/** `<< EOF` split at the blank is one heredoc word, as the heredoc reader saw it. */
function joinHeredocWords(words: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    const next = words[index + 1];
    if (/^\d*<<-?$/.test(word) && next !== undefined) {
      joined.push(`${word} ${next}`);
      index++;
    } else {
      joined.push(word);
    }
  }
  return joined;
}
