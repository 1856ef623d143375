import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ComposeError } from '../compose-error.js';

/** The names Docker Compose looks for, in its order of preference. */
export const defaultComposeFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const defaultOverrideFileNames = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** `-` stands for standard input, as `-f -` does in Compose. */
export const stdinFile = '-';

export interface FindComposeFilesOptions {
  workingDir: string;
  /** `-f` values, in order; relative to the working directory. */
  files?: readonly string[];
  /** `--project-directory`: where to look when no file is named. */
  projectDirectory?: string;
  /** The environment that holds `COMPOSE_FILE` and `COMPOSE_PATH_SEPARATOR`. */
  environment: Readonly<Record<string, string | undefined>>;
  warn(message: string): void;
}

/**
 * Which compose files make the project: `-f` in order, else `COMPOSE_FILE`, else the first
 * default name found in the directory or its parents, followed by the override file beside it.
 */
export function findComposeFiles(options: FindComposeFilesOptions): string[] {
  const named = options.files?.length ? options.files : splitComposeFileVariable(options.environment);
  if (named.length > 0) {
    return named.map((file) => {
      if (file === stdinFile) return stdinFile;
      const path = isAbsolute(file) ? file : resolve(options.workingDir, file);
      if (!existsSync(path)) {
        throw new ComposeError({
          code: 'COMPOSE_FILE_NOT_FOUND',
          message: `compose file ${path} does not exist`,
          hint: 'check the path given with -f/--file or COMPOSE_FILE',
        });
      }
      return path;
    });
  }
  const start = options.projectDirectory ? resolve(options.workingDir, options.projectDirectory) : options.workingDir;
  for (let directory = start; ; directory = dirname(directory)) {
    const found = firstExisting(directory, defaultComposeFileNames, options.warn);
    if (found) {
      const override = firstExisting(directory, defaultOverrideFileNames, options.warn);
      return override ? [found, override] : [found];
    }
    if (dirname(directory) === directory) break;
  }
  throw new ComposeError({
    code: 'COMPOSE_NO_FILE',
    message: `no configuration file provided: not found (looked for ${defaultComposeFileNames.join(', ')} in ${start} and its parent directories)`,
    hint: 'create a compose.yaml in the project directory, or name one with -f/--file',
  });
}

function splitComposeFileVariable(environment: FindComposeFilesOptions['environment']): string[] {
  const value = environment.COMPOSE_FILE;
  if (!value) return [];
  const separator = environment.COMPOSE_PATH_SEPARATOR || ':';
  return value.split(separator).filter((part) => part !== '');
}

function firstExisting(directory: string, names: string[], warn: (message: string) => void): string | undefined {
  const present = names.map((name) => join(directory, name)).filter(isFile);
  if (present.length > 1) {
    warn(`Found multiple config files with supported names: ${present.join(', ')}\nUsing ${present[0]}`);
  }
  return present[0];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
