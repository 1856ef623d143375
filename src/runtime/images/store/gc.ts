import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDigest } from './digest.js';
import { StoreLayout } from './layout.js';

/** What the images in use reach: every blob digest (manifests, configs, layers) and every ChainID. */
export interface Reachable {
  blobs: Set<string>;
  layers: Set<string>;
}

export interface GarbageReport {
  /** Digests of the blobs removed. */
  blobs: string[];
  /** ChainIDs of the layers removed. */
  layers: string[];
  /** Paths of abandoned partial downloads and unfinished layer directories removed. */
  stale: string[];
}

/**
 * Removes every blob and layer outside `reachable`, then leftovers of interrupted work older than
 * `staleBefore` (a time in ms). `busy` names temporary paths this process is still writing, which
 * are never touched whatever their age. A layer is first renamed out of `layers/<algorithm>/`,
 * then deleted, so a crash halfway leaves a stale temporary directory, never a half-deleted layer.
 */
export async function removeUnreachable(layout: StoreLayout, reachable: Reachable, busy: ReadonlySet<string>, staleBefore: number): Promise<GarbageReport> {
  const report: GarbageReport = { blobs: [], layers: [], stale: [] };
  for (const digest of await storedDigests(layout.blobs)) {
    if (reachable.blobs.has(digest)) continue;
    await rm(layout.blob(digest), { force: true });
    report.blobs.push(digest);
  }
  for (const chainId of await storedDigests(layout.layers)) {
    if (reachable.layers.has(chainId)) continue;
    const doomed = join(layout.layerTemp, `${StoreLayout.temporaryName(parseDigest(chainId).hex)}.removing`);
    await rename(layout.layer(chainId), doomed);
    await rm(doomed, { recursive: true, force: true });
    report.layers.push(chainId);
  }
  for (const directory of [layout.ingest, layout.layerTemp]) {
    for (const name of await namesIn(directory)) {
      const path = join(directory, name);
      if (busy.has(path)) continue;
      const removing = name.endsWith('.removing');
      if (!removing && (await stat(path)).mtimeMs >= staleBefore) continue;
      await rm(path, { recursive: true, force: true });
      if (!removing) report.stale.push(path);
    }
  }
  report.blobs.sort();
  report.layers.sort();
  report.stale.sort();
  return report;
}

/** The digests stored as `<directory>/<algorithm>/<hex>`; names that are not digests are not ours. */
async function storedDigests(directory: string): Promise<string[]> {
  const digests: string[] = [];
  for (const algorithm of await namesIn(directory)) {
    for (const hex of await namesIn(join(directory, algorithm))) {
      const digest = `${algorithm}:${hex}`;
      if (isDigest(digest)) digests.push(digest);
    }
  }
  return digests;
}

function isDigest(text: string): boolean {
  try {
    parseDigest(text);
    return true;
  } catch {
    return false;
  }
}

async function namesIn(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
