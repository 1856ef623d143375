import { readFileSync } from 'node:fs';
import { ComposeError } from '../compose-error.js';
import type { DotenvOptions } from './dotenv-options.js';
import { parseDotenv } from './parse-dotenv.js';

/** Reads and parses one env file; errors name the file, and a missing file has its own code. */
export function readDotenvFile(path: string, options: Omit<DotenvOptions, 'file'> = {}): Map<string, string> {
  return parseDotenv(readEnvFileText(path), { ...options, file: path });
}

function readEnvFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ComposeError({
        code: 'COMPOSE_ENV_FILE_NOT_FOUND',
        message: `couldn't find env file: ${path}`,
        hint: 'create the file or correct its path',
        cause: error,
      });
    }
    if (code === 'EISDIR') {
      throw new ComposeError({
        code: 'COMPOSE_ENV_FILE',
        message: `${path} is a directory`,
        hint: 'name the env file itself, not the directory that holds it',
        cause: error,
      });
    }
    throw new ComposeError({
      code: 'COMPOSE_ENV_FILE',
      message: `cannot read env file ${path}: ${code ?? String(error)}`,
      hint: 'check that the file is readable by the user running berth',
      cause: error,
    });
  }
}
