import { posix } from 'node:path';
import { exposedPorts, setEnv, type RunConfig } from '../../runtime/containers/commit/index.js';
import { DockerfileError, expandWord, expandWords, type CommandLine, type EscapeCharacter, type Instruction, type VariableLookup } from '../dockerfile/index.js';

/** The instructions that change only the image's config: no container runs, the step adds an empty layer. */
export type ConfigInstruction = Extract<
  Instruction,
  { keyword: 'ENV' | 'LABEL' | 'EXPOSE' | 'VOLUME' | 'USER' | 'WORKDIR' | 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK' | 'SHELL' | 'STOPSIGNAL' | 'ONBUILD' | 'MAINTAINER' }
>;

const configKeywords = new Set(['ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER']);

export function isConfigInstruction(instruction: Instruction): instruction is ConfigInstruction {
  return configKeywords.has(instruction.keyword);
}

export const defaultShell = ['/bin/sh', '-c'];

/** What a stage's instructions so far have set, for the rules that depend on it. */
export interface StageFacts {
  /** A CMD was given in this stage: a later ENTRYPOINT keeps it (else it clears the base image's). */
  cmdSet: boolean;
}

export interface WordContext {
  lookup: VariableLookup;
  escape: EscapeCharacter;
  file: string;
}

/**
 * Applies one config instruction to `config` (changed in place), with the Dockerfile reference's
 * rules: ENV and LABEL pairs (values expanded with the variables from before the instruction),
 * EXPOSE as `port/proto`, WORKDIR joined to the one before, CMD and ENTRYPOINT in shell form run
 * by the stage's SHELL, an ENTRYPOINT clearing a CMD the stage did not set, HEALTHCHECK NONE,
 * ONBUILD's trigger kept as written.
 */
export function applyConfigInstruction(config: RunConfig, instruction: ConfigInstruction, words: WordContext, facts: StageFacts): void {
  const at = { file: words.file, line: instruction.startLine };
  const expand = (word: string): string => expandWord(word, words.lookup, { escape: words.escape, at });
  switch (instruction.keyword) {
    case 'ENV': {
      const expanded = instruction.pairs.map(({ key, value }) => [expand(key), expand(value)] as const);
      for (const [key, value] of expanded) setEnv(config, key, value);
      return;
    }
    case 'LABEL':
      config.Labels = { ...config.Labels };
      for (const { key, value } of instruction.pairs) config.Labels[expand(key)] = expand(value);
      return;
    case 'EXPOSE':
      config.ExposedPorts = { ...config.ExposedPorts };
      for (const word of instruction.ports) {
        for (const port of expandWords(word, words.lookup, { escape: words.escape, at })) for (const key of exposedPortKeys(port, at)) config.ExposedPorts[key] = {};
      }
      return;
    case 'VOLUME':
      config.Volumes = { ...config.Volumes };
      for (const path of instruction.paths.map(expand)) {
        if (path.trim() === '') throw new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail: 'VOLUME specified can not be an empty string', hint: 'name the volume\'s path: VOLUME /data', at });
        config.Volumes[path] = {};
      }
      return;
    case 'USER':
      config.User = expand(instruction.user);
      return;
    case 'WORKDIR': {
      const path = expand(instruction.path);
      config.WorkingDir = posix.resolve('/', config.WorkingDir ?? '/', path);
      return;
    }
    case 'CMD':
      config.Cmd = commandArgs(instruction.command, config);
      facts.cmdSet = true;
      delete config.ArgsEscaped;
      return;
    case 'ENTRYPOINT': {
      const args = commandArgs(instruction.command, config);
      // A bare `ENTRYPOINT` (or `ENTRYPOINT []`) is "no entrypoint".
      if (args.length === 0) delete config.Entrypoint;
      else config.Entrypoint = args;
      if (!facts.cmdSet) delete config.Cmd;
      delete config.ArgsEscaped;
      return;
    }
    case 'SHELL':
      config.Shell = [...instruction.shell];
      return;
    case 'STOPSIGNAL':
      config.StopSignal = expand(instruction.signal);
      return;
    case 'HEALTHCHECK': {
      const { check } = instruction;
      if (check.kind === 'none') {
        config.Healthcheck = { Test: ['NONE'] };
        return;
      }
      const test = check.command.form === 'exec' ? ['CMD', ...check.command.args] : ['CMD-SHELL', check.command.command];
      config.Healthcheck = {
        Test: test,
        ...(check.intervalNs !== undefined ? { Interval: check.intervalNs } : {}),
        ...(check.timeoutNs !== undefined ? { Timeout: check.timeoutNs } : {}),
        ...(check.startPeriodNs !== undefined ? { StartPeriod: check.startPeriodNs } : {}),
        ...(check.startIntervalNs !== undefined ? { StartInterval: check.startIntervalNs } : {}),
        ...(check.retries !== undefined ? { Retries: check.retries } : {}),
      };
      return;
    }
    case 'ONBUILD':
      config.OnBuild = [...(config.OnBuild ?? []), instruction.expression];
      return;
    case 'MAINTAINER':
      // Deprecated: Docker keeps it as the image's author only; the history entry records it.
      return;
  }
}

/** CMD's and ENTRYPOINT's arguments: exec form as written, shell form run by the stage's shell. */
export function commandArgs(command: CommandLine, config: RunConfig): string[] {
  if (command.form === 'exec') return [...command.args];
  if (command.command === '') return [];
  return [...shellOf(config), command.command];
}

export function shellOf(config: RunConfig): string[] {
  return config.Shell && config.Shell.length > 0 ? config.Shell : defaultShell;
}

/** EXPOSE's ports as Docker's nat.ParsePortSpecs reads them (`80` is `80/tcp`, a range each port), its refusal in the Dockerfile's words. */
function exposedPortKeys(port: string, at: { file: string; line: number }): string[] {
  try {
    return exposedPorts(port.trim());
  } catch (error) {
    throw new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail: error instanceof Error ? error.message : String(error), hint: 'EXPOSE takes ports like 80, 8080/tcp, 53/udp or 8000-8002', at });
  }
}
