import { readFlags } from '../flags/instruction-flags.js';
import type { ArgDefinition, ArgInstruction, EnvInstruction, KeyValue, LabelInstruction } from '../instruction-types.js';
import { ASCII_BLANKS } from '../syntax/characters.js';
import { splitQuotedWords } from '../syntax/words.js';
import { argumentCountError, syntaxError, type InstructionSource } from './instruction-source.js';

/** `ENV key=value ...`, or the legacy `ENV key value` where the value is the rest of the line. */
export function parseEnv(source: InstructionSource): EnvInstruction {
  readFlags('ENV', source.flags, {});
  return { keyword: 'ENV', ...source.position, pairs: keyValuePairs(source) };
}

/** `LABEL key=value ...` (also the legacy `LABEL key value`). */
export function parseLabel(source: InstructionSource): LabelInstruction {
  readFlags('LABEL', source.flags, {});
  return { keyword: 'LABEL', ...source.position, pairs: keyValuePairs(source) };
}

/** `ARG name`, `ARG name=default`, several per line. */
export function parseArg(source: InstructionSource): ArgInstruction {
  readFlags('ARG', source.flags, {});
  const words = splitQuotedWords(source.rest, source.escape);
  if (words.length === 0) throw argumentCountError('ARG', 'at least one argument', 'ARG <name>[=<default value>]');
  const args = words.map((word): ArgDefinition => {
    const equals = word.indexOf('=');
    if (equals === -1) return { name: word };
    if (equals === 0) throw blankNameError('ARG');
    return { name: word.slice(0, equals), defaultValue: word.slice(equals + 1) };
  });
  return { keyword: 'ARG', ...source.position, args };
}

/**
 * BuildKit's rule for ENV and LABEL: when the first word has no `=`, the line is the legacy form,
 * one key and the rest of the line as its value; otherwise every word must be `key=value`.
 */
function keyValuePairs(source: InstructionSource): KeyValue[] {
  const { keyword, rest } = source;
  const words = splitQuotedWords(rest, source.escape);
  const first = words[0];
  if (first === undefined) throw argumentCountError(keyword, 'at least one argument', `${keyword} <key>=<value>`);
  if (!first.includes('=')) {
    const blank = ASCII_BLANKS.exec(rest);
    if (!blank) throw syntaxError(`${keyword} must have two arguments`, `write ${keyword} ${first}=<value>`);
    source.warn(`"${keyword} key=value" should be used instead of legacy "${keyword} key value" format`);
    return [{ key: rest.slice(0, blank.index), value: rest.slice(blank.index + blank[0].length) }];
  }
  return words.map((word) => {
    const equals = word.indexOf('=');
    if (equals === -1) {
      throw syntaxError(`Syntax error - can't find = in "${word}". Must be of the form: name=value`, `write ${word}=<value>, or quote a value that holds blanks`);
    }
    if (equals === 0) throw blankNameError(keyword);
    return { key: word.slice(0, equals), value: word.slice(equals + 1) };
  });
}

function blankNameError(keyword: string): Error {
  return syntaxError(`${keyword} names can not be blank`, `write ${keyword} <name>=<value>`);
}
