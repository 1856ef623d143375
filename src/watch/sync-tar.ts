import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { bodyPadding, endOfArchive, headerBlocks, type MemberHeader } from '../files/tar-writer.js';
import type { PathFilter } from './path-filter.js';

/** One host path to copy and where it lands in the container (absolute). */
export interface SyncCopy {
  hostPath: string;
  containerPath: string;
}

/**
 * The tar a sync unpacks at the container's root: each copied file, symbolic link or directory
 * (with what the rule accepts under it) at its container path. Members are owned by root, so
 * with `copyUIDGID` the engine gives them the container user's ids, as `docker cp -a` does.
 * Bodies are read as the tar is read; a path gone since the change was seen is skipped.
 */
export function syncTar(copies: readonly SyncCopy[], filter: PathFilter): { stream: Readable; files: () => number } {
  let files = 0;
  async function* members(): AsyncGenerator<Buffer> {
    for (const copy of copies) {
      for await (const chunk of member(copy.hostPath, copy.containerPath.replace(/^\/+/u, ''), filter, () => files++)) yield chunk;
    }
    yield endOfArchive;
  }
  return { stream: Readable.from(members()), files: () => files };
}

async function* member(hostPath: string, name: string, filter: PathFilter, counted: () => void): AsyncGenerator<Buffer> {
  const stats = await lstat(hostPath).catch(() => undefined);
  if (!stats) return;
  if (stats.isDirectory()) {
    if (name !== '') yield headerBlocks(header(`${name}/`, 'Directory', stats));
    const children = await readdir(hostPath).catch(() => [] as string[]);
    for (const child of children.sort()) {
      const childPath = join(hostPath, child);
      const childStats = await lstat(childPath).catch(() => undefined);
      if (!childStats) continue;
      if (childStats.isDirectory() ? filter.skipsDirectory(childPath) : !filter.accepts(childPath)) continue;
      yield* member(childPath, posix.join(name, child), filter, counted);
    }
  } else if (stats.isSymbolicLink()) {
    const target = await readlink(hostPath).catch(() => undefined);
    if (target === undefined) return;
    counted();
    yield headerBlocks(header(name, 'SymbolicLink', stats, target));
  } else if (stats.isFile()) {
    counted();
    yield headerBlocks(header(name, 'File', stats));
    let written = 0;
    if (stats.size > 0) {
      for await (const chunk of createReadStream(hostPath, { end: stats.size - 1 })) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    // A file that shrank while it was read is padded to the size its header gave.
    if (written < stats.size) yield Buffer.alloc(stats.size - written);
    yield bodyPadding(stats.size);
  }
}

/** A member owned by root (see syncTar); headerBlocks writes a size for files only. */
function header(path: string, type: MemberHeader['type'], stats: Stats, linkpath?: string): MemberHeader {
  return { path, type, stats: { mode: stats.mode, uid: 0, gid: 0, size: stats.size, mtimeMs: stats.mtimeMs }, ...(linkpath !== undefined ? { linkpath } : {}) };
}
