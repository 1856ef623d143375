import { open } from 'node:fs/promises';
import { blockSize, endOfArchive, memberHeader, padding, type LayerMember } from './layer-tar-header.js';
import type { UpperEntry } from './upper-scan.js';

const chunkSize = 64 * 1024;

/**
 * The layer tar of a container's changes, reversing what berth's extractor does to a layer
 * (images/layers/whiteouts.ts), as Docker's overlay2 differ writes it:
 * - a whiteout (0:0 character device) NAME becomes an empty `.wh.NAME` file, mode 0600;
 * - an opaque directory is followed by an empty `DIR/.wh..wh..opq`, with the directory's
 *   permissions and owner;
 * - everything else as it is: modes, owners by number, whole-second times, extended attributes,
 *   symlinks, hard links to the first name of a file, FIFOs.
 * `upper` is the directory the entries were scanned from. A file that changes size while it is
 * read (the container was not paused) is cut or padded to the size its header gave, and one
 * removed since the scan is written empty, so hard links to it still have their target.
 */
export async function* layerTar(upper: string, entries: readonly UpperEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const owner = { mode: Number(entry.stats.mode & 0o7777n), uid: Number(entry.stats.uid), gid: Number(entry.stats.gid), mtime: Number(entry.stats.mtimeMs / 1000n) };
    switch (entry.kind) {
      case 'directory':
        yield memberHeader({ ...owner, name: `${entry.path}/`, type: 'directory', size: 0, xattrs: entry.xattrs });
        if (entry.opaque) yield memberHeader({ ...owner, mode: owner.mode & 0o777, mtime: 0, name: `${entry.path}/.wh..wh..opq`, type: 'file', size: 0 });
        break;
      case 'whiteout':
        yield memberHeader({ ...owner, mode: 0o600, name: whiteoutName(entry.path), type: 'file', size: 0 });
        break;
      case 'symlink':
        yield memberHeader({ ...owner, name: entry.path, type: 'symlink', size: 0, linkName: entry.target.toString('latin1'), xattrs: entry.xattrs });
        break;
      case 'fifo':
        yield memberHeader({ ...owner, name: entry.path, type: 'fifo', size: 0, xattrs: entry.xattrs });
        break;
      case 'file':
        if (entry.hardLinkTo !== undefined) {
          yield memberHeader({ ...owner, name: entry.path, type: 'hard-link', size: 0, linkName: entry.hardLinkTo, xattrs: entry.xattrs });
          break;
        }
        yield* fileMember(upper, entry.path, { ...owner, name: entry.path, type: 'file', size: Number(entry.stats.size), xattrs: entry.xattrs });
        break;
    }
  }
  yield endOfArchive;
}

async function* fileMember(upper: string, path: string, member: LayerMember): AsyncGenerator<Buffer> {
  const handle = await open(Buffer.concat([Buffer.from(`${upper}/`, 'utf8'), Buffer.from(path, 'latin1')]), 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (handle === undefined) {
    yield memberHeader({ ...member, size: 0 });
    return;
  }
  yield memberHeader(member);
  try {
    let left = member.size;
    while (left > 0) {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(Math.min(chunkSize, left)), 0, Math.min(chunkSize, left), null);
      if (bytesRead === 0) break;
      left -= bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
    // The file shrank while it was read: zeros keep the archive whole.
    for (; left > 0; left -= Math.min(left, blockSize * 128)) yield Buffer.alloc(Math.min(left, blockSize * 128));
  } finally {
    await handle.close();
  }
  yield padding(member.size);
}

function whiteoutName(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}`;
}
