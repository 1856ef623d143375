import { readFlags } from '../flags/instruction-flags.js';
import type {
  ExposeInstruction,
  MaintainerInstruction,
  StopsignalInstruction,
  UserInstruction,
  VolumeInstruction,
  WorkdirInstruction,
} from '../instruction-types.js';
import { splitAtBlanks, trimSpace } from '../syntax/characters.js';
import { jsonArrayOf } from '../syntax/json-form.js';
import { argumentCountError, syntaxError, type InstructionSource } from './instruction-source.js';

/**
 * WORKDIR, USER, STOPSIGNAL and MAINTAINER take the whole rest of the line as their one argument,
 * blanks included, as BuildKit does.
 */
function wholeLine(source: InstructionSource, usage: string): string {
  readFlags(source.keyword, source.flags, {});
  if (source.rest === '') throw argumentCountError(source.keyword, 'exactly one argument', usage);
  return source.rest;
}

export function parseWorkdir(source: InstructionSource): WorkdirInstruction {
  return { keyword: 'WORKDIR', ...source.position, path: wholeLine(source, 'WORKDIR <path>') };
}

export function parseUser(source: InstructionSource): UserInstruction {
  return { keyword: 'USER', ...source.position, user: wholeLine(source, 'USER <user>[:<group>]') };
}

export function parseStopsignal(source: InstructionSource): StopsignalInstruction {
  return { keyword: 'STOPSIGNAL', ...source.position, signal: wholeLine(source, 'STOPSIGNAL <signal>') };
}

export function parseMaintainer(source: InstructionSource): MaintainerInstruction {
  const maintainer = wholeLine(source, 'MAINTAINER <name>');
  source.warn('MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=<name> instead');
  return { keyword: 'MAINTAINER', ...source.position, maintainer };
}

/** `EXPOSE <port>[/<protocol>] ...`. */
export function parseExpose(source: InstructionSource): ExposeInstruction {
  readFlags('EXPOSE', source.flags, {});
  const ports = splitAtBlanks(source.rest);
  if (ports.length === 0) throw argumentCountError('EXPOSE', 'at least one argument', 'EXPOSE <port>[/<protocol>]');
  return { keyword: 'EXPOSE', ...source.position, ports };
}

/** `VOLUME ["/data"]` or `VOLUME /data /logs`. */
export function parseVolume(source: InstructionSource): VolumeInstruction {
  readFlags('VOLUME', source.flags, {});
  const paths = jsonArrayOf(source.rest)?.map(trimSpace) ?? splitAtBlanks(source.rest);
  if (paths.length === 0) throw argumentCountError('VOLUME', 'at least one argument', 'VOLUME <path>');
  if (paths.includes('')) throw syntaxError('VOLUME specified can not be an empty string', 'remove the empty path');
  return { keyword: 'VOLUME', ...source.position, paths };
}
