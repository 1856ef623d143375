import type { UpperEntry } from './upper-scan.js';

/** A directory as the image's layers have it; undefined when they have nothing there. */
export type LowerLookup = (path: string) => Promise<{ directory: boolean; mode: number; uid: number; gid: number } | undefined>;

/**
 * Drops the directories that are in the writable layer only because a left-out mount point was
 * made inside them: overlayfs copies `/etc` up when runc makes `/etc/hostname` there. Docker's
 * init layer takes that copy-up, so its commit has no `/etc` unless the container changed
 * something else in it. A directory goes when nothing under it is kept, it is not opaque, and its
 * mode and owner are the image's (or the image has none there, which Docker's init layer would
 * have made). Its time is not compared: making the mount point changed it.
 */
export async function pruneMountPointParents(entries: readonly UpperEntry[], lower: LowerLookup): Promise<UpperEntry[]> {
  const withKeptChild = new Set<string>();
  const dropped = new Set<string>();
  // Children come after their directory: walking backwards settles each directory's children first.
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index]!;
    if (entry.kind === 'directory' && !withKeptChild.has(entry.path) && (await onlyForMountPoints(entry, lower))) {
      dropped.add(entry.path);
      continue;
    }
    withKeptChild.add(parentOf(entry.path));
  }
  return entries.filter((entry) => !dropped.has(entry.path));
}

async function onlyForMountPoints(entry: Extract<UpperEntry, { kind: 'directory' }>, lower: LowerLookup): Promise<boolean> {
  if (!entry.holdsLeftOut || entry.opaque) return false;
  const below = await lower(entry.path);
  if (below === undefined) return true;
  const { stats } = entry;
  return below.directory && below.mode === Number(stats.mode & 0o7777n) && below.uid === Number(stats.uid) && below.gid === Number(stats.gid);
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
