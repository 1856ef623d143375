import { splitAtBlanks } from '../syntax/characters.js';
import { readFlags } from '../flags/instruction-flags.js';
import type { FromInstruction } from '../instruction-types.js';
import { syntaxError, type InstructionSource } from './instruction-source.js';

const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;

/** `FROM [--platform=<p>] <image> [AS <name>]`. */
export function parseFrom(source: InstructionSource): FromInstruction {
  const flags = readFlags('FROM', source.flags, { platform: 'string' });
  const args = splitAtBlanks(source.rest);
  const [image, as, name] = args;
  const named = args.length === 3 && as?.toLowerCase() === 'as';
  if (image === undefined || (args.length !== 1 && !named)) {
    throw syntaxError('FROM requires either one or three arguments', 'write FROM <image> or FROM <image> AS <name>');
  }
  const instruction: FromInstruction = { keyword: 'FROM', ...source.position, image };
  if (named && name !== undefined) instruction.stageName = stageName(name);
  if (flags.platform) instruction.platform = flags.platform;
  return instruction;
}

function stageName(written: string): string {
  const name = written.toLowerCase();
  if (STAGE_NAME.test(name)) return name;
  throw syntaxError(
    `invalid name for build stage: "${written}", name can't start with a number or contain symbols`,
    'start the name with a letter, and use only letters, digits, "-", "_" and "."',
  );
}
