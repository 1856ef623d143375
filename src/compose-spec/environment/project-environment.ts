import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ComposeError } from '../compose-error.js';
import { unsetVariableWarning } from '../interpolation/index.js';
import { readDotenvFile } from './read-dotenv-file.js';

export interface ProjectEnvironmentOptions {
  processEnv: Readonly<Record<string, string | undefined>>;
  /** The directory berth runs in: relative `--env-file` and COMPOSE_ENV_FILES paths start here. */
  workingDir: string;
  projectDir: string;
  /** `--env-file` values, in order. */
  envFiles?: string[];
  /** Receives Compose's warning for an unset variable referenced inside an env file. */
  warn?: (message: string) => void;
}

export interface ProjectEnvironment {
  /** What compose files are interpolated with. */
  environment: Record<string, string>;
  /** Absolute paths of the env files read, in the order they were read. */
  envFiles: string[];
}

/**
 * The environment a project is interpolated with, assembled as docker compose does:
 *
 * 1. The process environment, which always wins; `PWD` is added when the process has none.
 * 2. Then the env files, in the first of these that applies:
 *    - `--env-file` (repeatable), or else the comma-separated COMPOSE_ENV_FILES: every file must
 *      exist; relative paths and `~` start from the working directory; a later file overrides an
 *      earlier one and may reference its values;
 *    - nothing when COMPOSE_DISABLE_ENV_FILE is true;
 *    - `.env` in the working directory, then `.env` in the project directory, each only if it
 *      exists. Compose reads them in two passes that never override, so the working directory's
 *      value of a key wins, and the project's file may reference the working directory's values.
 *
 * Inside a file, `$NAME` reads the process environment and the files before it, then the keys
 * above it in the same file.
 */
export function resolveProjectEnvironment(options: ProjectEnvironmentOptions): ProjectEnvironment {
  const environment = new Map<string, string>();
  for (const [key, value] of Object.entries(options.processEnv)) if (value !== undefined) environment.set(key, value);
  if (!environment.has('PWD')) environment.set('PWD', options.workingDir);
  const onUnset = options.warn && ((name: string) => options.warn!(unsetVariableWarning(name)));

  const named = namedEnvFiles(options);
  let envFiles: string[];
  if (named) {
    const fromFiles = new Map<string, string>();
    for (const file of named.files) {
      requireFile(file, named.source);
      const values = readDotenvFile(file, { lookup: (name) => environment.get(name) ?? fromFiles.get(name), onUnset });
      for (const [key, value] of values) fromFiles.set(key, value);
    }
    addMissing(environment, fromFiles);
    envFiles = named.files;
  } else if (defaultEnvFileDisabled(options.processEnv)) {
    envFiles = [];
  } else {
    envFiles = [...new Set([options.workingDir, options.projectDir])].map((directory) => join(directory, '.env')).filter(isFile);
    for (const file of envFiles) addMissing(environment, readDotenvFile(file, { lookup: (name) => environment.get(name), onUnset }));
  }
  return { environment: Object.fromEntries(environment), envFiles };
}

type EnvFileSource = '--env-file' | 'COMPOSE_ENV_FILES';

function namedEnvFiles(options: ProjectEnvironmentOptions): { files: string[]; source: EnvFileSource } | undefined {
  const absolute = (path: string): string => resolve(options.workingDir, expandHome(path, options.processEnv));
  if (options.envFiles?.length) return { files: options.envFiles.map(absolute), source: '--env-file' };
  const listed = (options.processEnv.COMPOSE_ENV_FILES ?? '').split(',').filter((path) => path !== '');
  if (listed.length > 0) return { files: listed.map(absolute), source: 'COMPOSE_ENV_FILES' };
  return undefined;
}

function expandHome(path: string, processEnv: ProjectEnvironmentOptions['processEnv']): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  const home = processEnv.HOME ?? homedir();
  return isAbsolute(home) ? join(home, path.slice(1)) : path;
}

function requireFile(file: string, source: EnvFileSource): void {
  if (statSync(file, { throwIfNoEntry: false })) return;
  throw new ComposeError({
    code: 'COMPOSE_ENV_FILE_NOT_FOUND',
    message: `couldn't find env file: ${file}`,
    hint: `check the path given in ${source}; relative paths start from the current directory`,
  });
}

/** Go's strconv.ParseBool, which Compose reads COMPOSE_DISABLE_ENV_FILE with. */
function defaultEnvFileDisabled(processEnv: ProjectEnvironmentOptions['processEnv']): boolean {
  const value = processEnv.COMPOSE_DISABLE_ENV_FILE;
  if (value === undefined) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new ComposeError({
    code: 'COMPOSE_ENV_FILE',
    message: `invalid COMPOSE_DISABLE_ENV_FILE value ${JSON.stringify(value)}`,
    expected: 'true or false',
    hint: 'set COMPOSE_DISABLE_ENV_FILE=true to skip the project .env file, or unset it',
  });
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** Compose's Mapping.Merge: adds the keys not defined yet, never overrides one. */
function addMissing(target: Map<string, string>, values: ReadonlyMap<string, string>): void {
  for (const [key, value] of values) if (!target.has(key)) target.set(key, value);
}
