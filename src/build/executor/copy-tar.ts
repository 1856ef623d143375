import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { bodyPadding, endOfArchive, headerBlocks, type MemberHeader, type MemberStats } from '../../files/tar-writer.js';
import type { CopyItem } from './copy-items.js';

export interface CopyTarOptions {
  /** Directories to make first (missing in the image), relative to the root, parents first. */
  parents: readonly string[];
  /** Where the items go, relative to the root (`app/src`); '' is the root. */
  destination: string;
  uid: number;
  gid: number;
  /** `--chmod`: every member's mode. */
  mode?: number;
  /** Mode of the directories made for the destination. */
  parentMode?: number;
}

/**
 * The tar a COPY or ADD unpacks at the container's root: the missing parent directories, then
 * each item under the destination, owned by `uid:gid` (root unless `--chown`) with `--chmod`'s
 * mode when given. Bodies are read from the host as the tar is read.
 */
export function copyTar(items: readonly CopyItem[], options: CopyTarOptions): Readable {
  return Readable.from(members(items, options));
}

async function* members(items: readonly CopyItem[], options: CopyTarOptions): AsyncGenerator<Buffer> {
  const now = Date.now();
  for (const parent of options.parents) {
    yield headerBlocks(header(`${parent}/`, 'Directory', { mode: options.parentMode ?? 0o755, uid: options.uid, gid: options.gid, size: 0, mtimeMs: now }));
  }
  for (const item of items) {
    const name = [options.destination, item.name].filter((part) => part !== '').join('/');
    const owner = { uid: options.uid, gid: options.gid, mode: options.mode ?? item.mode, mtimeMs: item.mtimeMs };
    switch (item.kind) {
      case 'directory':
        if (name !== '') yield headerBlocks(header(`${name}/`, 'Directory', { ...owner, size: 0 }));
        break;
      case 'symlink':
        yield headerBlocks(header(name, 'SymbolicLink', { ...owner, mode: item.mode, size: 0 }, item.target));
        break;
      case 'inline':
        yield headerBlocks(header(name, 'File', { ...owner, size: item.content.length }));
        yield item.content;
        yield bodyPadding(item.content.length);
        break;
      case 'file': {
        yield headerBlocks(header(name, 'File', { ...owner, size: item.size }));
        let written = 0;
        if (item.size > 0) {
          for await (const chunk of createReadStream(item.hostPath, { end: item.size - 1 })) {
            written += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
        }
        // A file that shrank while it was read is padded to the size its header gave.
        if (written < item.size) yield Buffer.alloc(item.size - written);
        yield bodyPadding(item.size);
        break;
      }
    }
  }
  yield endOfArchive;
}

function header(path: string, type: MemberHeader['type'], stats: MemberStats, linkpath?: string): MemberHeader {
  return { path, type, stats, ...(linkpath !== undefined ? { linkpath } : {}) };
}
