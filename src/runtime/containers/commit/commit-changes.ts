import { posix } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { expandWord, splitWords } from '../../images/operations/index.js';
import { changeInstructions, type ChangeInstruction } from './change-lines.js';
import { healthcheckChange } from './healthcheck-change.js';
import { environmentMap, exposedPorts, setEnv } from './config-fields.js';
import type { RunConfig } from './run-config.js';

/** What `docker commit --change` takes (moby's validCommitCommands, Docker 20.10). */
const commitInstructions = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'];
const defaultShell = ['/bin/sh', '-c'];

/**
 * Applies `--change` instructions to `config`, in order, as Docker's BuildFromConfig dispatches
 * them: CMD and ENTRYPOINT in JSON or shell form (the config's Shell, else `/bin/sh -c`), an
 * ENTRYPOINT clearing the CMD unless a CMD came before it in the changes; ENV and LABEL pairs;
 * EXPOSE ports and ranges; VOLUME paths; USER; WORKDIR joined to the one before; ONBUILD triggers;
 * HEALTHCHECK with its flags. ENV, LABEL, EXPOSE, VOLUME, USER and WORKDIR expand variables from
 * the config's Env as it stands before the instruction.
 *
 * Every instruction is checked to be one of those before any is applied. Failures are Docker's
 * messages (a 400 from the API): `run is not a valid change command`, `ENV must have two arguments`.
 * `config` is changed in place and returned.
 */
export function applyCommitChanges(config: RunConfig, changes: readonly string[]): RunConfig {
  const instructions = changeInstructions(changes);
  for (const instruction of instructions) {
    if (!commitInstructions.includes(instruction.name)) {
      throw changeError(`${instruction.name.toLowerCase()} is not a valid change command`, `a change is one of ${commitInstructions.join(', ')}, as in a Dockerfile`);
    }
  }
  let cmdSet = false;
  for (const instruction of instructions) {
    try {
      cmdSet = dispatch(config, instruction, cmdSet);
    } catch (error) {
      if (error instanceof BerthError) throw error;
      throw changeError(error instanceof Error ? error.message : String(error), `write the change as in a Dockerfile: ${JSON.stringify(instruction.original)}`);
    }
  }
  return config;
}

/** Applies one instruction; returns whether a CMD has been set by the changes so far. */
function dispatch(config: RunConfig, { name, flags, rest, original }: ChangeInstruction, cmdSet: boolean): boolean {
  if (name !== 'HEALTHCHECK') for (const flag of flags.keys()) throw new Error(`Unknown flag: ${flag}`);
  const env = environmentMap(config.Env ?? []);
  const expand = (word: string): string => expandWord(word, env);
  switch (name) {
    case 'CMD': {
      const command = commandLine(rest);
      config.Cmd = resolveCommand(command, config);
      delete config.ArgsEscaped;
      return cmdSet || command.args.length > 0;
    }
    case 'ENTRYPOINT':
      config.Entrypoint = resolveCommand(commandLine(rest), config);
      delete config.ArgsEscaped;
      if (!cmdSet) delete config.Cmd;
      return cmdSet;
    case 'ENV':
      for (const [key, value] of nameValues(rest, 'ENV')) setEnv(config, expand(key), expand(value));
      return cmdSet;
    case 'LABEL':
      config.Labels ??= {};
      for (const [key, value] of nameValues(rest, 'LABEL')) config.Labels[expand(key)] = expand(value);
      return cmdSet;
    case 'EXPOSE': {
      const ports = rest.split(/\s+/).filter((word) => word !== '').flatMap((word) => expand(word).split(/\s+/).filter((port) => port !== ''));
      if (ports.length === 0) throw new Error('EXPOSE requires at least one argument');
      config.ExposedPorts ??= {};
      for (const port of ports) for (const key of exposedPorts(port)) config.ExposedPorts[key] = {};
      return cmdSet;
    }
    case 'VOLUME': {
      const command = commandLine(rest);
      const paths = (command.json ? command.args : rest.split(/\s+/).filter((word) => word !== '')).map((path) => expand(path).trim());
      if (paths.length === 0) throw new Error('VOLUME requires at least one argument');
      config.Volumes ??= {};
      for (const path of paths) {
        if (path === '') throw new Error('VOLUME specified can not be an empty string');
        config.Volumes[path] = {};
      }
      return cmdSet;
    }
    case 'USER':
      config.User = oneArgument(expand(rest), 'USER');
      return cmdSet;
    case 'WORKDIR': {
      // Docker joins a relative path to the one before and cleans it; an absolute one stays as written.
      const path = oneArgument(expand(rest), 'WORKDIR');
      config.WorkingDir = posix.isAbsolute(path) ? path : posix.join('/', config.WorkingDir ?? '', path).replace(/(.)\/+$/, '$1');
      return cmdSet;
    }
    case 'ONBUILD': {
      const trigger = (/^\S*/.exec(rest)?.[0] ?? '').toUpperCase();
      if (trigger === '') throw new Error('ONBUILD requires at least one argument');
      if (trigger === 'ONBUILD') throw new Error('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new Error(`${trigger} isn't allowed as an ONBUILD trigger`);
      config.OnBuild = [...(config.OnBuild ?? []), original.replace(/^\s*ONBUILD\s*/i, '')];
      return cmdSet;
    }
    default: {
      const type = /^\S*/.exec(rest)?.[0] ?? '';
      if (type === '') throw new Error('HEALTHCHECK requires at least one argument');
      config.Healthcheck = healthcheckChange(flags, type, commandLine(rest.slice(type.length).trim()));
      return cmdSet;
    }
  }
}

/** A JSON array of strings is exec form; any other text is one shell-form word; nothing is no arguments. */
function commandLine(text: string): { json: boolean; args: string[] } {
  if (text === '') return { json: false, args: [] };
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (Array.isArray(parsed)) {
      if (!parsed.every((item) => typeof item === 'string')) throw new Error('when using JSON array syntax, arrays must be comprised of strings only');
      return { json: true, args: parsed as string[] };
    }
  }
  return { json: false, args: [text] };
}

function resolveCommand(command: { json: boolean; args: string[] }, config: RunConfig): string[] {
  if (command.args.length === 0) return [];
  return command.json ? command.args : [...(config.Shell && config.Shell.length > 0 ? config.Shell : defaultShell), ...command.args];
}

/**
 * ENV's and LABEL's pairs, quotes kept for expansion: `A=1 B="two words"`, or the old form
 * `NAME the rest of the line`.
 */
function nameValues(text: string, instruction: string): Array<[string, string]> {
  const words = splitWords(text);
  if (words.length === 0) throw new Error(`${instruction} requires at least one argument`);
  if (!words[0]!.includes('=')) {
    const [name, value] = text.split(/\s+(.*)/s);
    if (value === undefined || value.trim() === '') throw new Error(`${instruction} must have two arguments`);
    return [[name!, value]];
  }
  return words.map((word) => {
    const equals = word.indexOf('=');
    if (equals === -1) throw new Error(`Syntax error - can't find = in ${JSON.stringify(word)}. Must be of the form: name=value`);
    if (equals === 0) throw new Error(`${instruction} names can not be blank`);
    return [word.slice(0, equals), word.slice(equals + 1)];
  });
}

function oneArgument(value: string, instruction: string): string {
  if (value === '') throw new Error(`${instruction} requires exactly one argument`);
  return value;
}


function changeError(message: string, hint: string): BerthError {
  return new BerthError({ code: 'INVALID_COMMIT_CHANGE', kind: 'usage', message, hint });
}
