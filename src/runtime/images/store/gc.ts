import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDigest } from './digest.js';
import { namesIn } from './files.js';
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
  /** Paths of abandoned partial downloads, unfinished layer directories and dead processes' leases removed. */
  stale: string[];
}

/** What a collection must leave alone besides what the records reach. */
export interface Protected {
  /** Names (StoreLayout.entryName) of the digests and ChainIDs that leases hold. */
  leased: ReadonlySet<string>;
  /** Temporary paths this process is still writing, never touched whatever their age. */
  busy: ReadonlySet<string>;
  /** Leftovers of interrupted work last changed before this time (ms) are stale. */
  staleBefore: number;
  /** Lease directories of dead processes that have gone stale (Leases.protectedNames). */
  abandonedLeases: readonly string[];
}

/**
 * Removes every blob, layer and origins list outside `reachable` that no lease holds, then
 * leftovers of interrupted work that went stale. A partial download a lease names stays too. A
 * layer is first renamed out of `layers/<algorithm>/`, then deleted, so a crash halfway leaves a
 * stale temporary directory, never a half-deleted layer.
 */
export async function removeUnreachable(layout: StoreLayout, reachable: Reachable, keep: Protected): Promise<GarbageReport> {
  const report: GarbageReport = { blobs: [], layers: [], stale: [] };
  const wanted = (digest: string, reached: ReadonlySet<string>): boolean => reached.has(digest) || keep.leased.has(StoreLayout.entryName(digest));
  for (const digest of await storedDigests(layout.blobs)) {
    if (wanted(digest, reachable.blobs)) continue;
    await rm(layout.blob(digest), { force: true });
    report.blobs.push(digest);
  }
  for (const digest of await storedDigests(layout.origins)) {
    if (!wanted(digest, reachable.blobs)) await rm(layout.origin(digest), { force: true });
  }
  for (const chainId of await storedDigests(layout.layers)) {
    if (wanted(chainId, reachable.layers)) continue;
    const doomed = join(layout.layerTemp, `${StoreLayout.temporaryName(parseDigest(chainId).hex)}.removing`);
    await rename(layout.layer(chainId), doomed);
    await rm(doomed, { recursive: true, force: true });
    report.layers.push(chainId);
  }
  for (const directory of [layout.ingest, layout.layerTemp]) {
    for (const name of await namesIn(directory)) {
      const path = join(directory, name);
      if (keep.busy.has(path) || keep.leased.has(name)) continue;
      const removing = name.endsWith('.removing');
      if (!removing && (await lastChanged(path)) >= keep.staleBefore) continue;
      await rm(path, { recursive: true, force: true });
      if (!removing) report.stale.push(path);
    }
  }
  for (const directory of keep.abandonedLeases) {
    await rm(directory, { recursive: true, force: true });
    report.stale.push(directory);
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

/** A temporary file's mtime; one that another process removed meanwhile counts as fresh, to be left alone. */
async function lastChanged(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Infinity;
    throw error;
  }
}

function isDigest(text: string): boolean {
  try {
    parseDigest(text);
    return true;
  } catch {
    return false;
  }
}
