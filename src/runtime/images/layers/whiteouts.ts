import { lstat, realpath, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { layerRefused, layerUnpackFailed, memberSubject } from './layer-errors.js';
import type { LayerMarkers } from './member-policy.js';
import { describeExit, lastLines, missingPackage, runTool } from '../../tools/index.js';

/**
 * Turns an unpacked layer's OCI whiteout markers into what overlayfs reads (as containerd's and
 * moby's overlay differs do):
 * - `.wh.NAME` goes, and NAME becomes a 0:0 character device, unless the layer itself has a NAME
 *   (the OCI spec: a whiteout hides only what lies beneath its layer);
 * - `.wh..wh..opq` goes, and its directory gets `trusted.overlay.opaque=y`;
 * - aufs bookkeeping (`.wh..wh.plnk`, ...) goes.
 * Node has neither mknod nor setxattr, so coreutils' mknod and attr's setfattr do it. Every
 * directory touched gets its times back, as GNU tar set them from the layer.
 *
 * The markers come from the scanner, which refused any member written through a symlink; each
 * directory is still checked to be a real directory before anything is made inside it.
 */

export interface WhiteoutCounts {
  /** Character devices made for `.wh.NAME` markers. */
  whiteouts: number;
  /** Directories marked opaque. */
  opaqueDirectories: number;
}

/** Parallel mknod runs: enough to hide process start-up, few enough not to swamp the machine. */
const concurrency = 8;
/** setfattr takes many paths at once; this keeps its command line well under ARG_MAX. */
const pathsPerSetfattr = 200;

export async function convertWhiteouts(directory: string, digest: string, markers: LayerMarkers, signal?: AbortSignal): Promise<WhiteoutCounts> {
  const root = await realpath(directory);
  const file = (path: string): string => (path === '' ? root : join(root, fsPath(digest, path)));
  const parents = new Set([...markers.whiteouts, ...markers.aufsMetadata].map(parentOf));
  for (const path of markers.opaqueDirectories) parents.add(path);
  const times = new Map<string, { atime: Date; mtime: Date }>();
  for (const parent of parents) {
    const stats = await lstat(file(parent));
    if (!stats.isDirectory() || (await realpath(file(parent))) !== file(parent)) {
      throw layerRefused(digest, memberSubject(parent), 'holds whiteouts but is not a directory after unpacking');
    }
    times.set(parent, { atime: stats.atime, mtime: stats.mtime });
  }

  for (const path of markers.aufsMetadata) await rm(file(path), { recursive: true, force: true });

  for (const path of markers.opaqueDirectories) await rm(file(join(path, '.wh..wh..opq')));
  for (let start = 0; start < markers.opaqueDirectories.length; start += pathsPerSetfattr) {
    signal?.throwIfAborted();
    const batch = markers.opaqueDirectories.slice(start, start + pathsPerSetfattr).map(file);
    await tool(digest, 'setfattr', 'attr', ['-h', '-n', 'trusted.overlay.opaque', '-v', 'y', '--', ...batch]);
  }

  let made = 0;
  await eachLimited(markers.whiteouts, async (path) => {
    signal?.throwIfAborted();
    const hidden = path.replace(/(^|\/)\.wh\.([^/]+)$/, '$1$2');
    await rm(file(path), { recursive: true });
    if (await exists(file(hidden))) return;
    await tool(digest, 'mknod', 'coreutils', ['--', file(hidden), 'c', '0', '0']);
    made++;
  });

  for (const [parent, { atime, mtime }] of times) await utimes(file(parent), atime, mtime);
  return { whiteouts: made, opaqueDirectories: markers.opaqueDirectories.length };
}

async function tool(digest: string, command: string, debianPackage: string, args: string[]): Promise<void> {
  const exit = await runTool(command, args);
  if (exit.code === 0) return;
  throw layerUnpackFailed(digest, `converting whiteouts failed: ${describeExit(command, exit)}`, lastLines(exit.stderr), {
    missingPackage: missingPackage(exit, debianPackage),
  });
}

/**
 * Member names are latin1 (a character per byte); fs and spawn take UTF-8 strings. A name that is
 * not UTF-8 cannot reach mknod or setfattr intact, so such a whiteout is refused, not mangled.
 */
function fsPath(digest: string, latin1Path: string): string {
  const bytes = Buffer.from(latin1Path, 'latin1');
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw layerRefused(digest, memberSubject(latin1Path), 'is a whiteout whose name is not UTF-8, which berth cannot convert');
  return text;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Runs `run` over `items`, a few at a time; after a failure starts nothing more, and settles only when all have stopped. */
async function eachLimited<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      await run(items[next++] as T).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}
