import { randomBytes } from 'node:crypto';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { dockerfileNotFound } from './context-errors.js';

/** A Dockerfile for a build: a path (relative to the context directory, or absolute), or its text (Compose's dockerfile_inline). */
export type DockerfileOption = string | { inline: string };

/**
 * Where the Dockerfile is for the daemon: a file of the context (`name` is its path there), or
 * a file added to the context's tar under a generated name (`.dockerfile.<20 hex digits>`, as the
 * docker CLI names one from outside the context or from stdin). `given` is the path as given,
 * made absolute, beside which its own ignore file is looked for.
 */
export type LocatedDockerfile =
  | { kind: 'in-context'; name: string; given: string }
  | { kind: 'added'; name: string; content: Buffer; given: string | undefined };

/**
 * Finds the Dockerfile as the docker CLI does: by default `Dockerfile` in the context, or
 * `dockerfile` when only that exists; links in its path followed, so a link that leads out of
 * the context makes it an added file. `root` is the context directory with its links followed.
 */
export async function locateDockerfile(root: string, contextDirectory: string, dockerfile: DockerfileOption | undefined): Promise<LocatedDockerfile> {
  if (typeof dockerfile === 'object') return { kind: 'added', name: generatedName(), content: Buffer.from(dockerfile.inline), given: undefined };
  const given = dockerfile === undefined ? await defaultDockerfile(contextDirectory) : isAbsolute(dockerfile) ? dockerfile : join(contextDirectory, dockerfile);
  const real = await realpath(given).catch(() => {
    throw dockerfileNotFound(dockerfile ?? 'Dockerfile', 'missing');
  });
  if (!(await stat(real)).isFile()) throw dockerfileNotFound(dockerfile ?? 'Dockerfile', 'not-a-file');
  const name = relative(root, real);
  if (name === '' || name === '..' || name.startsWith(`..${sep}`) || isAbsolute(name)) {
    return { kind: 'added', name: generatedName(), content: await readFile(real), given };
  }
  return { kind: 'in-context', name: name.split(sep).join('/'), given };
}

async function defaultDockerfile(contextDirectory: string): Promise<string> {
  const preferred = join(contextDirectory, 'Dockerfile');
  const lowercase = join(contextDirectory, 'dockerfile');
  const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false);
  return !(await exists(preferred)) && (await exists(lowercase)) ? lowercase : preferred;
}

function generatedName(): string {
  return `.dockerfile.${randomBytes(10).toString('hex')}`;
}
