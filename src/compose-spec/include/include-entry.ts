import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ComposeError, type DocumentPath } from '../compose-error.js';
import { isMapping } from '../merge/tree.js';
import { isRemoteResource } from '../paths/index.js';

/** One `include` entry with its paths made absolute and its defaults filled in. */
export interface IncludeEntry {
  /** The files of the included model: the first one, then its overrides. */
  files: string[];
  /** Where the included model's relative paths start: the first file's directory by default. */
  projectDirectory: string;
  /** Files with the variables the included files are interpolated with: `.env` of the project directory by default, when it exists. */
  envFiles: string[];
}

/**
 * Reads `include[index]`: a path (`- other/compose.yaml`) or the long form
 * `{path: string | string[], project_directory, env_file: string | string[]}`. Relative paths
 * start at `workingDirectory`, the including model's project directory, as in compose-go.
 */
export function readIncludeEntry(entry: unknown, index: number, workingDirectory: string): IncludeEntry {
  const path: DocumentPath = ['include', index];
  const long = isMapping(entry) ? entry : typeof entry === 'string' ? { path: entry } : undefined;
  if (!long) throw includeError(path, 'an include entry must be a path or a mapping with path:', 'a file path, or {path, project_directory, env_file}');
  const files = stringList(long.path, [...path, 'path']).map((file, at) => {
    if (isRemoteResource(file)) {
      throw includeError([...path, 'path', at], `berth cannot include the remote compose file "${file}"`, 'a local file path');
    }
    const absolute = isAbsolute(file) ? file : join(workingDirectory, file);
    if (!existsSync(absolute)) {
      throw includeError([...path, 'path'], `included file ${absolute} does not exist`, 'the path of a compose file, relative to the project directory');
    }
    return absolute;
  });
  if (files.length === 0) throw includeError([...path, 'path'], 'an include entry needs at least one path', 'a file path or a list of them');
  const projectDirectory = directoryOf(long.project_directory, files[0]!, workingDirectory, [...path, 'project_directory']);
  return { files, projectDirectory, envFiles: envFilesOf(long.env_file, projectDirectory, workingDirectory, [...path, 'env_file']) };
}

function directoryOf(value: unknown, firstFile: string, workingDirectory: string, path: DocumentPath): string {
  if (value === undefined || value === null) return dirname(firstFile);
  if (typeof value !== 'string') throw includeError(path, 'project_directory must be a string', 'a directory path');
  return isAbsolute(value) ? value : join(workingDirectory, value);
}

/** Listed env files must exist; `/dev/null` stands for none. Without a list, `.env` beside the model is used when present. */
function envFilesOf(value: unknown, projectDirectory: string, workingDirectory: string, path: DocumentPath): string[] {
  if (value === undefined || value === null) {
    const dotEnv = join(projectDirectory, '.env');
    return isFile(dotEnv) ? [dotEnv] : [];
  }
  return stringList(value, path)
    .filter((file) => file !== '/dev/null')
    .map((file) => {
      const absolute = isAbsolute(file) ? file : join(workingDirectory, file);
      if (!existsSync(absolute)) throw includeError(path, `env file ${absolute} not found`, 'the path of an existing env file, relative to the project directory');
      if (!isFile(absolute)) throw includeError(path, `${absolute} is not a file`, 'the path of an env file');
      return absolute;
    });
}

function stringList(value: unknown, path: DocumentPath): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  throw includeError(path, 'not a path', 'a path or a list of paths');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function includeError(path: DocumentPath, message: string, expected: string): ComposeError {
  return new ComposeError({
    code: 'COMPOSE_INCLUDE',
    message,
    path,
    expected,
    hint: 'include entries look like "- path: ../other/compose.yaml" with optional project_directory: and env_file:',
  });
}
