import { posix } from 'node:path';
import { EngineError, type ContainerPathStat, type EngineClient } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import type { Rebase } from './cp-archive.js';

/** One side of `cp`: `SERVICE:PATH` inside a container, or a local path (`-` for stdin or stdout). */
export interface CopyEndpoint {
  service?: string;
  path: string;
}

/**
 * Reads a `cp` argument as Docker Compose does: an absolute path is local; otherwise the text
 * before the first colon names a service, unless there is no colon or it starts with `.`
 * (`./file:name` is a local file with a colon in its name).
 */
export function copyEndpoint(argument: string): CopyEndpoint {
  if (argument.startsWith('/')) return { path: argument };
  const colon = argument.indexOf(':');
  if (colon === -1 || argument.startsWith('.')) return { path: argument };
  return { service: argument.slice(0, colon), path: argument.slice(colon + 1) };
}

/** What is known about a path on either side: whether it exists, and whether it is a directory. */
export interface PathFacts {
  exists: boolean;
  isDirectory: boolean;
}

/** Where an archive is unpacked and how its top entry is renamed so the copy lands where asked. */
export interface CopyPlacement {
  directory: string;
  rebase?: Rebase;
}

/**
 * Docker's copy rules (`docker cp`), for both directions, given the source's base name and kind and
 * the destination's state:
 * - an existing directory receives the source under its own name (or its content, for `SRC/.`);
 * - an existing file is replaced by a file source; a directory cannot replace it;
 * - a missing destination is created in its parent under the destination's name; one written as a
 *   directory (`DEST/`) must exist when the source is a file.
 */
export function copyPlacement(source: { base: string; isDirectory: boolean }, destination: string, facts: PathFacts): CopyPlacement {
  if (facts.exists && facts.isDirectory) return { directory: destination };
  if (facts.exists && source.isDirectory) throw copyRefused(`cannot copy a directory onto the file ${destination}`);
  if (!facts.exists && !source.isDirectory && (destination.endsWith('/') || destination.endsWith('/.'))) {
    throw copyRefused(`destination directory ${destination} does not exist`);
  }
  const name = posix.basename(destination);
  return { directory: posix.dirname(destination), ...(name !== source.base && { rebase: { from: source.base, to: name } }) };
}

/** The base name a source path gives its archive's top entry: `.` for `DIR/.` (its content). */
export function sourceBase(path: string): string {
  if (path.endsWith('/.') || path === '.') return '.';
  return posix.basename(path.replace(/\/+$/, '')) || '/';
}

/** `HEAD /containers/{id}/archive`: the path's stat inside the container, undefined when it does not exist. */
export async function containerPathStat(client: EngineClient, containerId: string, path: string): Promise<ContainerPathStat | undefined> {
  try {
    const response = await client.request({ method: 'HEAD', path: `/containers/${encodeURIComponent(containerId)}/archive`, query: { path } });
    response.resume();
    const header = response.headers['x-docker-container-path-stat'];
    const encoded = Array.isArray(header) ? header[0] : header;
    return encoded ? (JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as ContainerPathStat) : undefined;
  } catch (error) {
    if (error instanceof EngineError && error.code === 'ENGINE_NOT_FOUND') return undefined;
    throw error;
  }
}

// Go's os.FileMode type bits, as the engine reports them in a path stat.
const goModeDirectory = 2 ** 31;
const goModeSymlink = 2 ** 27;

export function isDirectoryMode(mode: number): boolean {
  return Math.floor(mode / goModeDirectory) % 2 === 1;
}

export function isSymlinkMode(mode: number): boolean {
  return Math.floor(mode / goModeSymlink) % 2 === 1;
}

/** A symbolic link's target as a path in the same tree: relative targets start from the link's directory. */
export function linkTargetPath(link: string, target: string): string {
  return target.startsWith('/') ? target : posix.join(posix.dirname(link), target);
}

export function copyRefused(message: string): BerthError {
  return new BerthError({
    code: 'COPY_REFUSED',
    kind: 'conflict',
    message,
    hint: 'cp follows docker cp: the destination\'s parent directory must exist, and a directory is copied only into a directory',
  });
}
