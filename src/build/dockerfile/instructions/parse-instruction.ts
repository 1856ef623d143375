import { nearestName } from '../../../compose-spec/schema/suggest-name.js';
import { DockerfileError } from '../dockerfile-error.js';
import { readFlags } from '../flags/instruction-flags.js';
import type { Instruction, InstructionKeyword, OnbuildTrigger } from '../instruction-types.js';
import type { CommandParts } from '../syntax/split-command.js';
import { splitCommand } from '../syntax/split-command.js';
import { parseCmd, parseEntrypoint, parseRun, parseShell } from './command-line.js';
import { parseAdd, parseCopy } from './file-copy.js';
import { parseFrom } from './from.js';
import { parseHealthcheck } from './healthcheck.js';
import type { InstructionSource } from './instruction-source.js';
import { parseArg, parseEnv, parseLabel } from './key-values.js';
import { checkTriggerKeyword, onbuildOf } from './onbuild.js';
import { parseExpose, parseMaintainer, parseStopsignal, parseUser, parseVolume, parseWorkdir } from './single-values.js';

type InstructionParser = (source: InstructionSource) => Instruction;

const PARSERS: Readonly<Record<InstructionKeyword, InstructionParser>> = {
  FROM: parseFrom,
  RUN: parseRun,
  CMD: parseCmd,
  ENTRYPOINT: parseEntrypoint,
  SHELL: parseShell,
  COPY: parseCopy,
  ADD: parseAdd,
  WORKDIR: parseWorkdir,
  ENV: parseEnv,
  ARG: parseArg,
  LABEL: parseLabel,
  EXPOSE: parseExpose,
  VOLUME: parseVolume,
  USER: parseUser,
  STOPSIGNAL: parseStopsignal,
  MAINTAINER: parseMaintainer,
  HEALTHCHECK: parseHealthcheck,
  ONBUILD: parseOnbuild,
};

const KEYWORDS = Object.keys(PARSERS) as InstructionKeyword[];

export type InstructionContext = Omit<InstructionSource, 'keyword' | 'flags' | 'rest'>;

/** The typed instruction for one line cut into parts; errors here have no location yet. */
export function parseInstruction(parts: CommandParts, context: InstructionContext): Instruction {
  const keyword = parts.keyword.toUpperCase();
  if (!isKeyword(keyword)) throw unknownInstruction(parts.keyword, context.escape);
  return PARSERS[keyword]({ ...context, keyword, flags: parts.flags, rest: parts.rest });
}

function parseOnbuild(source: InstructionSource): Instruction {
  readFlags('ONBUILD', source.flags, {});
  const parts = splitCommand(source.rest);
  checkTriggerKeyword(source, parts.keyword);
  const text = source.position.text.replace(/^\s*ONBUILD\s*/i, '');
  // checkTriggerKeyword ruled out the keywords a trigger may not have.
  const trigger = parseInstruction(parts, { ...source, position: { ...source.position, text } }) as OnbuildTrigger;
  return onbuildOf(source, trigger);
}

/** The upper-case keyword of a line's first word, when it is an instruction. */
function isKeyword(word: string): word is InstructionKeyword {
  return Object.hasOwn(PARSERS, word);
}

function unknownInstruction(written: string, escape: string): DockerfileError {
  const nearest = nearestName(written, KEYWORDS.map((keyword) => keyword.toLowerCase()));
  const hint =
    nearest === undefined
      ? `instructions are ${[...KEYWORDS].sort().join(', ')}; if this line belongs to the instruction above, end that one's last line with ${escape}`
      : `did you mean ${nearest.toUpperCase()}?`;
  return new DockerfileError({ code: 'DOCKERFILE_UNKNOWN_INSTRUCTION', detail: `unknown instruction: ${written}`, hint });
}
