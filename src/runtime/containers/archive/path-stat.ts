import type { Stats } from 'node:fs';
import type { ContainerPathStat } from '../../../api/types/containers.js';
import { fileNotFound } from './archive-errors.js';
import type { ContainerTree } from './container-tree.js';
import { TreeSession, type Entry } from './tree-session.js';

/**
 * `HEAD /containers/{id}/archive`: the path's stat inside the container, Docker's way. The last
 * component is not followed unless the path ends in `/` or `/.`; for a link, `linkTarget` is where
 * it leads in the container, every link on the way followed (as far as the path exists).
 * `container` names the container in the not-found text as the client named it.
 */
export async function statPath(tree: ContainerTree, path: string, container: string): Promise<ContainerPathStat> {
  const session = new TreeSession(tree);
  try {
    const entry = await session.resolve(path, { followFinal: followsFinal(path) });
    if (entry.kind === 'missing') throw fileNotFound(path, container);
    await releaseEntry(session, entry);
    return await pathStat(session, path, entry.stats);
  } finally {
    await session.close();
  }
}

/** The stat Docker reports for `path` whose entry has `stats`. */
export async function pathStat(session: TreeSession, path: string, stats: Stats): Promise<ContainerPathStat> {
  let linkTarget = '';
  if (stats.isSymbolicLink()) {
    const target = await session.resolve(path, { followFinal: true });
    await releaseEntry(session, target);
    linkTarget = target.path;
  }
  return { name: baseName(path), size: stats.size, mode: goFileMode(stats), mtime: stats.mtime.toISOString(), linkTarget };
}

/** `DIR/` and `DIR/.` name what a link at DIR leads to, as the kernel's lookup does. */
export function followsFinal(path: string): boolean {
  return path.endsWith('/') || path.endsWith('/.') || path === '.';
}

/** Go's filepath.Base of the absolute path, trailing `/.` kept as `.`: `/etc/` is `etc`, `/etc/.` is `.`, `/` is `/`. */
export function baseName(path: string): string {
  if (path.endsWith('/.') || path === '.') return '.';
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return parts.at(-1) ?? '/';
}

/** Gives back what an entry holds open for the caller. */
export async function releaseEntry(session: TreeSession, entry: Entry): Promise<void> {
  if (entry.kind === 'child') await session.release(entry.parent.handle);
  else if (entry.kind === 'held') await session.release(entry.handle);
}

// Go's os.FileMode bits, which the Engine API reports (the permission bits are the same as Unix's).
const goDirectory = 2 ** 31;
const goSymlink = 2 ** 27;
const goDevice = 2 ** 26;
const goNamedPipe = 2 ** 25;
const goSocket = 2 ** 24;
const goSetuid = 2 ** 23;
const goSetgid = 2 ** 22;
const goCharDevice = 2 ** 21;
const goSticky = 2 ** 20;

/** A Unix mode as Go's os.FileMode: the type and special bits moved to Go's own positions. */
export function goFileMode(stats: Stats): number {
  let mode = stats.mode & 0o777;
  if (stats.mode & 0o4000) mode += goSetuid;
  if (stats.mode & 0o2000) mode += goSetgid;
  if (stats.mode & 0o1000) mode += goSticky;
  if (stats.isDirectory()) mode += goDirectory;
  else if (stats.isSymbolicLink()) mode += goSymlink;
  else if (stats.isFIFO()) mode += goNamedPipe;
  else if (stats.isSocket()) mode += goSocket;
  else if (stats.isCharacterDevice()) mode += goDevice + goCharDevice;
  else if (stats.isBlockDevice()) mode += goDevice;
  return mode;
}
