import { readFlags } from '../flags/instruction-flags.js';
import type { HealthcheckInstruction, HealthcheckOptions } from '../instruction-types.js';
import { isSpace } from '../syntax/characters.js';
import { commandLineOf } from './command-line.js';
import { parseDurationText } from '../../../format/duration-text.js';
import { argumentCountError, syntaxError, type InstructionSource } from './instruction-source.js';

const MINIMUM_NS = 1e6; // the engine's minimum for a non-zero health check duration: 1ms

const FLAGS = { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' } as const;

/** `HEALTHCHECK [--interval=...] [...] CMD <command>` or `HEALTHCHECK NONE`. */
export function parseHealthcheck(source: InstructionSource): HealthcheckInstruction {
  const flags = readFlags('HEALTHCHECK', source.flags, FLAGS);
  const { type, rest } = splitType(source.rest);
  const position = { keyword: 'HEALTHCHECK' as const, ...source.position };
  if (type === '') throw argumentCountError('HEALTHCHECK', 'at least one argument', 'HEALTHCHECK CMD <command> or HEALTHCHECK NONE');
  if (type.toUpperCase() === 'NONE') {
    if (rest !== '') throw syntaxError('HEALTHCHECK NONE takes no arguments', 'write HEALTHCHECK NONE alone on its line');
    return { ...position, check: { kind: 'none' } };
  }
  if (type.toUpperCase() !== 'CMD') throw syntaxError(`Unknown type "${type.toUpperCase()}" in HEALTHCHECK (try CMD)`, 'write HEALTHCHECK CMD <command>');
  const command = commandLineOf(rest);
  if ((command.form === 'exec' ? command.args.length : command.command.length) === 0) {
    throw syntaxError('Missing command after HEALTHCHECK CMD', 'write HEALTHCHECK CMD <command>');
  }
  const options: HealthcheckOptions = {};
  setDuration(options, 'intervalNs', 'interval', flags.interval);
  setDuration(options, 'timeoutNs', 'timeout', flags.timeout);
  setDuration(options, 'startPeriodNs', 'start-period', flags['start-period']);
  setDuration(options, 'startIntervalNs', 'start-interval', flags['start-interval']);
  if (flags.retries) options.retries = retries(flags.retries);
  return { ...position, check: { kind: 'cmd', command, ...options } };
}

function splitType(rest: string): { type: string; rest: string } {
  let end = 0;
  while (end < rest.length && !isSpace(rest[end])) end++;
  let next = end;
  while (next < rest.length && isSpace(rest[next])) next++;
  return { type: rest.slice(0, end), rest: rest.slice(next) };
}

type DurationField = 'intervalNs' | 'timeoutNs' | 'startPeriodNs' | 'startIntervalNs';

function setDuration(options: HealthcheckOptions, field: DurationField, flag: string, value: string | undefined): void {
  if (!value) return;
  const nanoseconds = parseDurationText(value);
  if (nanoseconds === undefined) {
    throw syntaxError(`invalid duration "${value}" for --${flag}`, `write a duration with a unit, such as --${flag}=30s or --${flag}=1m30s`);
  }
  if (nanoseconds !== 0 && nanoseconds < MINIMUM_NS) throw syntaxError(`--${flag} cannot be less than 1ms`, `write --${flag}=1ms or more, or 0 for the default`);
  options[field] = nanoseconds;
}

function retries(value: string): number {
  if (!/^[-+]?\d+$/.test(value) || Math.abs(Number(value)) > 2 ** 31 - 1) {
    throw syntaxError(`invalid value "${value}" for --retries`, 'write a whole number, such as --retries=3');
  }
  const count = Number(value);
  if (count < 0) throw syntaxError(`--retries cannot be negative (${count})`, 'write --retries=0 or more');
  return count;
}
