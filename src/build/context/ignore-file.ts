import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contextUnreadable } from './context-errors.js';

/** An ignore file and its text. */
export interface IgnoreFile {
  path: string;
  text: string;
}

/**
 * The ignore file of a build, by Docker's rule: `<Dockerfile>.dockerignore` beside the Dockerfile
 * (`app/Dockerfile.dockerignore` for `app/Dockerfile`) wins over the context's `.dockerignore`;
 * none at all is fine. `dockerfile` is the Dockerfile's path as given (not with its links
 * followed), absent for an inline Dockerfile.
 */
export async function findIgnoreFile(contextDirectory: string, dockerfile?: string): Promise<IgnoreFile | undefined> {
  const candidates = [...(dockerfile === undefined ? [] : [`${dockerfile}.dockerignore`]), join(contextDirectory, '.dockerignore')];
  for (const path of candidates) {
    const text = await readIfFile(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

async function readIfFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw contextUnreadable(path, error);
  }
}
