import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { ComposeError } from '../../compose-spec/index.js';
import { splitShellWords } from '../../compose-spec/normalize/shell-words.js';
import { usageError } from '../../errors/index.js';
import type { OneOffOptions } from '../../scheduler/index.js';
import { commandLineEnvironment } from './exec-environment.js';
import type { RunCommandOptions } from './run.js';

export interface OneOffChoices {
  name: string;
  command: string[];
  tty: boolean;
  /** The project's environment, for bare `-e KEY`. */
  environment: Readonly<Record<string, string>>;
  /** Where berth runs: relative `-v` sources start there. */
  cwd: string;
}

/** The command line of `run` as the overrides a one-off container applies to its service. */
export function oneOffOptionsFrom(options: RunCommandOptions, choices: OneOffChoices): OneOffOptions {
  if (options.servicePorts && options.publish.length > 0) throw usageError('--service-ports and --publish are incompatible');
  // Compose drops a bare `-e KEY` that the environment does not define.
  const environment = Object.fromEntries(commandLineEnvironment(options.env, choices.environment).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return {
    name: choices.name,
    ...(choices.command.length > 0 && { command: choices.command }),
    ...(options.entrypoint !== undefined && { entrypoint: entrypointWords(options.entrypoint) }),
    ...(options.env.length > 0 && { environment }),
    ...(options.user !== undefined && { user: options.user }),
    ...(options.workdir !== undefined && { workingDir: options.workdir }),
    tty: choices.tty,
    interactive: options.interactive,
    ports: options.servicePorts ? 'service' : 'none',
    useAliases: options.useAliases,
    autoRemove: options.rm,
    extraVolumes: options.volume.map((spec) => withAbsoluteSource(spec, choices.cwd)),
    extraPorts: options.publish,
    ...(options.label.length > 0 && { labels: labelsFrom(options.label) }),
  };
}

/** `--entrypoint "sh -c"` is split as a shell would; `--entrypoint ''` clears the image's. */
function entrypointWords(text: string): string[] {
  try {
    return splitShellWords(text, ['--entrypoint']);
  } catch (error) {
    if (error instanceof ComposeError) throw usageError(`invalid --entrypoint "${text}": ${error.detail}`, error.hint);
    throw error;
  }
}

function labelsFrom(entries: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals <= 0) throw usageError(`--label "${entry}": a label must be set as KEY=VALUE`);
    labels[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return labels;
}

/**
 * A `-v` bind source written relative (`./data:/data`, `../x:/x`) or from home (`~/x:/x`) means
 * from where berth runs, as on a `docker run` line, not from the project directory.
 */
function withAbsoluteSource(spec: string, cwd: string): string {
  const colon = spec.indexOf(':');
  if (colon === -1) return spec;
  const source = spec.slice(0, colon);
  const rest = spec.slice(colon);
  if (source === '~' || source.startsWith('~/')) return `${homedir()}${source.slice(1)}${rest}`;
  if (source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../')) return `${resolve(cwd, source)}${rest}`;
  return spec;
}
