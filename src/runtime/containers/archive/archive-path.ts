import type { Stats } from 'node:fs';
import { lstat, readdir, readlink, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import type { ContainerPathStat } from '../../../api/types/containers.js';
import { fileNotFound } from './archive-errors.js';
import type { ContainerTree } from './container-tree.js';
import { baseName, followsFinal, pathStat } from './path-stat.js';
import { bodyPadding, endOfArchive, headerBlocks } from '../../../files/tar-writer.js';
import { childPath, heldPath, readFlags, TreeSession, type Directory, type Entry } from './tree-session.js';

/** `GET /containers/{id}/archive`: the path's stat, and a tar of it. */
export interface PathArchive {
  stat: ContainerPathStat;
  tar: Readable;
}

/** A PathArchive and when what it holds is given back: once its tar is closed (read to the end, or destroyed). */
export interface OpenedArchive extends PathArchive {
  released: Promise<void>;
}

/** Where a member's content is read from: a name in a directory held open, or something held open itself. */
type Source = { kind: 'child'; parent: Directory; name: string; path: string } | { kind: 'held'; handle: FileHandle; directory: Directory };

const chunkSize = 64 * 1024;

/**
 * A tar of `path` in the container as Docker makes it: a directory with everything under it, its
 * top entry named after the path's base name (`.` for `DIR/.`, whose content is archived); a
 * file or a link alone. Mounts are followed where they lie, hard links within the archive kept
 * as links, sockets left out (as Docker does). The tree is read as the tar is read, so the
 * container must stay held (see OpenedArchive.released); what changes meanwhile is archived as
 * found, and what vanishes is left out.
 */
export async function archivePath(tree: ContainerTree, path: string, container: string): Promise<OpenedArchive> {
  const session = new TreeSession(tree);
  try {
    const entry = await session.resolve(path, { followFinal: followsFinal(path) });
    if (entry.kind === 'missing') throw fileNotFound(path, container);
    const stat = await pathStat(session, path, entry.stats);
    const name = baseName(path) === '/' ? '.' : baseName(path);
    const tar = Readable.from(archiveOf(session, entry, name), { objectMode: false });
    // The generator's own cleanup has run when the stream closes; the session's roots go last.
    const released = new Promise<void>((resolve) => tar.once('close', () => void session.close().then(resolve)));
    return { stat, tar, released };
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function* archiveOf(session: TreeSession, entry: Exclude<Entry, { kind: 'missing' }>, name: string): AsyncGenerator<Buffer> {
  const links = new Map<string, string>();
  const source: Source = entry.kind === 'child'
    ? { kind: 'child', parent: entry.parent, name: entry.name, path: entry.path }
    : { kind: 'held', handle: entry.handle, directory: { handle: entry.handle, path: entry.path, area: entry.area } };
  try {
    yield* member(session, source, name, entry.stats, links);
    yield endOfArchive;
  } finally {
    await session.release(entry.kind === 'child' ? entry.parent.handle : entry.handle);
  }
}

async function* member(session: TreeSession, source: Source, name: string, stats: Stats, links: Map<string, string>): AsyncGenerator<Buffer> {
  if (stats.isDirectory()) {
    const directory = source.kind === 'held' ? source.directory : await session.directory({ ...source, stats, area: source.parent.area });
    if (!directory) return; // no longer a directory
    try {
      yield* directoryMembers(session, directory, name, links);
    } finally {
      await session.release(directory.handle);
    }
  } else if (stats.isFile()) {
    yield* fileMember(session, source, name, stats, links);
  } else if (stats.isSymbolicLink() && source.kind === 'child') {
    const target = await readlink(childPath(source.parent, source.name)).catch(() => undefined);
    if (target !== undefined) yield headerBlocks({ path: name, type: 'SymbolicLink', stats, linkpath: target });
  } else if (stats.isFIFO()) {
    yield headerBlocks({ path: name, type: 'FIFO', stats });
  } else if (stats.isCharacterDevice() || stats.isBlockDevice()) {
    yield headerBlocks({ path: name, type: stats.isCharacterDevice() ? 'CharacterDevice' : 'BlockDevice', stats });
  }
}

async function* directoryMembers(session: TreeSession, directory: Directory, name: string, links: Map<string, string>): AsyncGenerator<Buffer> {
  yield headerBlocks({ path: `${name}/`, type: 'Directory', stats: await directory.handle.stat() });
  for (const child of (await readdir(heldPath(directory.handle))).sort()) {
    const path = posix.join(directory.path, child);
    const mount = session.mountAt(path);
    if (mount) {
      const top = await session.mountRoot(mount);
      yield* member(session, { kind: 'held', handle: top.handle, directory: { handle: top.handle, path, area: top.area } }, `${name}/${child}`, top.stats, links);
      continue;
    }
    const stats = await lstat(childPath(directory, child)).catch(() => undefined);
    if (stats) yield* member(session, { kind: 'child', parent: directory, name: child, path }, `${name}/${child}`, stats, links);
  }
}

/** A regular file, or a hard link to one archived before it. Only the file that was looked at is read. */
async function* fileMember(session: TreeSession, source: Source, name: string, stats: Stats, links: Map<string, string>): AsyncGenerator<Buffer> {
  const key = `${stats.dev}:${stats.ino}`;
  const first = stats.nlink > 1 ? links.get(key) : undefined;
  if (first !== undefined) {
    yield headerBlocks({ path: name, type: 'Link', stats, linkpath: first });
    return;
  }
  const handle = source.kind === 'held' ? source.handle : await session.open(childPath(source.parent, source.name), readFlags).catch(() => undefined);
  if (!handle) return;
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev) return;
    if (opened.nlink > 1) links.set(key, name);
    yield headerBlocks({ path: name, type: 'File', stats: opened });
    yield* fileBody(handle, opened.size);
  } finally {
    await session.release(handle);
  }
}

/** Exactly `size` bytes: a file that shrinks meanwhile is filled with zeros, one that grows is cut, as the header promised. */
async function* fileBody(handle: FileHandle, size: number): AsyncGenerator<Buffer> {
  let position = 0;
  while (position < size) {
    const buffer = Buffer.alloc(Math.min(chunkSize, size - position));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    yield bytesRead === 0 ? buffer : buffer.subarray(0, bytesRead);
    position += bytesRead === 0 ? buffer.length : bytesRead;
  }
  yield bodyPadding(size);
}
