import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';

/** One member a COPY or ADD writes, its name relative to the destination. */
export type CopyItem =
  | { kind: 'directory'; name: string; mode: number; mtimeMs: number }
  | { kind: 'file'; name: string; mode: number; mtimeMs: number; size: number; hostPath: string }
  | { kind: 'inline'; name: string; mode: number; mtimeMs: number; content: Buffer }
  | { kind: 'symlink'; name: string; mode: number; mtimeMs: number; target: string };

/**
 * The members a host path gives a copy, named under `name` ('' for the destination itself): a
 * directory gives its contents (Docker copies what is in a directory, not the directory), a file
 * or link gives itself. Links inside a directory are copied as links; the top one was already
 * followed by resolveSources. Names are in sorted order, parents before children.
 */
export async function hostItems(hostPath: string, name: string): Promise<CopyItem[]> {
  const items: CopyItem[] = [];
  const visit = async (path: string, itemName: string, top: boolean): Promise<void> => {
    const stats = top ? await stat(path) : await lstat(path);
    const mode = stats.mode & 0o7777;
    if (stats.isDirectory()) {
      if (itemName !== '') items.push({ kind: 'directory', name: itemName, mode, mtimeMs: stats.mtimeMs });
      for (const child of (await readdir(path)).sort()) await visit(join(path, child), itemName === '' ? child : `${itemName}/${child}`, false);
    } else if (stats.isSymbolicLink()) {
      items.push({ kind: 'symlink', name: itemName, mode, mtimeMs: stats.mtimeMs, target: await readlink(path) });
    } else if (stats.isFile()) {
      items.push({ kind: 'file', name: itemName, mode, mtimeMs: stats.mtimeMs, size: stats.size, hostPath: path });
    }
    // Sockets, FIFOs and devices are not copied: the context unpacker refuses them anyway.
  };
  await visit(hostPath, name, true);
  return items;
}

/** The name a source gets in a directory destination: its base name. */
export function itemName(sourcePath: string): string {
  return basename(posix.normalize(sourcePath));
}

/**
 * The digest of what a copy writes: names, kinds, modes and contents (not times, which Docker's
 * cache ignores too), so editing one file changes it and touching none leaves it.
 */
export async function itemsDigest(items: readonly CopyItem[]): Promise<string> {
  const hash = createHash('sha256');
  for (const item of items) {
    hash.update(`${item.kind}\0${item.name}\0${item.mode.toString(8)}\0`);
    if (item.kind === 'file') hash.update(await fileDigest(item.hostPath));
    else if (item.kind === 'inline') hash.update(createHash('sha256').update(item.content).digest('hex'));
    else if (item.kind === 'symlink') hash.update(item.target);
    hash.update('\n');
  }
  return hash.digest('hex');
}

function fileDigest(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
