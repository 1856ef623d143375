import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readlink, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { pathComponents } from '../../../files/path-components.js';
import { readOnly, tooManyLinks } from './archive-errors.js';
import type { ContainerTree, TreeMount } from './container-tree.js';

/**
 * Paths inside a container's tree, resolved the way a process chrooted into the container (with
 * its mounts) resolves them, and safe while the container runs. Nothing here opens a host path
 * the container could have changed: every step opens one name relative to a directory already
 * held open (`/proc/self/fd/N/NAME`) and never lets the kernel follow a link there (O_NOFOLLOW);
 * links are read and followed by berth, with `/` meaning the container's root and `..` stopping at
 * it; a path that reaches a mount's destination continues in the mount's source. So a container
 * that swaps a directory for a link to `/` halfway through a copy only makes the copy fail.
 */

/** Which part of the tree an entry is on: the root filesystem, or a mount. */
export interface Area {
  mount: TreeMount | undefined;
  readOnly: boolean;
}

/** A directory of the tree, held open. */
export interface Directory {
  handle: FileHandle;
  /** Its path in the container. */
  path: string;
  area: Area;
}

/**
 * What a container path resolves to: a name in a directory held open (`child`); something held
 * open itself (`held`: the root, a mount's own root, or a directory a final `..` led back to); or
 * nothing (`missing`, with the path it would have).
 */
export type Entry =
  | { kind: 'child'; path: string; parent: Directory; name: string; stats: Stats; area: Area }
  | { kind: 'held'; path: string; handle: FileHandle; stats: Stats; area: Area }
  | { kind: 'missing'; path: string };

export const directoryFlags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
/** A FIFO must not block the open; a final link must not be followed. */
export const readFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Links followed in one path at most, as Docker's FollowSymlinkInScope allows. */
const maxLinks = 255;

/** The host path of `name` inside a directory held open. */
export function childPath(directory: Directory, name: string): string {
  return `/proc/self/fd/${directory.handle.fd}/${name}`;
}

/** The host path of something held open. */
export function heldPath(handle: FileHandle): string {
  return `/proc/self/fd/${handle.fd}`;
}

/** One archive operation's view of the tree: it holds what it opens until `close`. */
export class TreeSession {
  private readonly owned = new Set<FileHandle>();
  /** The root and the mounts' roots, opened once and shared by every lookup. */
  private readonly shared = new Map<string, Promise<{ handle: FileHandle; stats: Stats }>>();

  constructor(readonly tree: ContainerTree) {}

  /** The mount whose destination is exactly `path` (the last one given wins, as the last mount covers the others). */
  mountAt(path: string): TreeMount | undefined {
    return this.tree.mounts.findLast((mount) => mount.destination === path);
  }

  /** A mount's own root, held open for the session: the mount's area, and what its source is. */
  async mountRoot(mount: TreeMount): Promise<{ handle: FileHandle; stats: Stats; area: Area }> {
    const held = await this.sharedOpen(mount.destination, mount.source, constants.O_RDONLY | constants.O_NONBLOCK);
    return { ...held, area: { mount, readOnly: mount.readOnly } };
  }

  async root(): Promise<Directory> {
    const { handle } = await this.sharedOpen('/', this.tree.root, constants.O_RDONLY | constants.O_DIRECTORY);
    return { handle, path: '/', area: { mount: undefined, readOnly: this.tree.readOnlyRoot } };
  }

  /** Opens `path` (one name under a held directory, or a held magic link) for the session. */
  async open(path: string, flags: number, mode?: number): Promise<FileHandle> {
    const handle = await open(path, flags, mode);
    this.owned.add(handle);
    return handle;
  }

  /** Closes what this session opened; the shared roots stay until `close`. */
  async release(handle: FileHandle): Promise<void> {
    if (this.owned.delete(handle)) await handle.close();
  }

  async close(): Promise<void> {
    const owned = [...this.owned];
    const shared = await Promise.allSettled([...this.shared.values()]);
    this.owned.clear();
    this.shared.clear();
    for (const handle of owned) await handle.close().catch(() => undefined);
    for (const held of shared) if (held.status === 'fulfilled') await held.value.handle.close().catch(() => undefined);
  }

  /**
   * Resolves `path` as the container would, following a link in the last component only when
   * `followFinal` (`docker cp` follows it for `DIR/` and `DIR/.`). With `create`, missing
   * directories on the way are made (root's, 0755), as Docker makes a member's parents; the
   * area they are made in must be writable. A `child` entry's parent is the caller's to release.
   */
  async resolve(path: string, options: { followFinal: boolean; create?: boolean }): Promise<Entry> {
    const stack: Directory[] = [await this.root()];
    const pending = pathComponents(path);
    let links = 0;
    try {
      for (;;) {
        const current = stack.at(-1)!;
        const component = pending.shift();
        if (component === undefined) {
          stack.pop();
          return { kind: 'held', path: current.path, handle: current.handle, stats: await current.handle.stat(), area: current.area };
        }
        if (component === '..') {
          if (stack.length > 1) await this.release(stack.pop()!.handle);
          continue;
        }
        const here = posix.join(current.path, component);
        const last = pending.length === 0;
        const mount = this.mountAt(here);
        if (mount) {
          const top = await this.mountRoot(mount);
          if (last) return { kind: 'held', path: here, ...top };
          if (!top.stats.isDirectory()) return { kind: 'missing', path: posix.join(here, ...pending) };
          stack.push({ handle: top.handle, path: here, area: top.area });
          continue;
        }
        const host = childPath(current, component);
        const stats = await lstatIfPresent(host);
        if (!stats) {
          if (!options.create) return { kind: 'missing', path: posix.join(here, ...pending) };
          if (current.area.readOnly) throw readOnly(here, current.area.mount !== undefined);
          await mkdir(host, 0o755).catch(existsIsFine);
          pending.unshift(component);
          continue;
        }
        if (stats.isSymbolicLink() && (!last || options.followFinal)) {
          if (++links > maxLinks) throw tooManyLinks(path);
          const target = await readlink(host).catch(changedMeanwhile);
          // Not a link any more: the container changed it meanwhile; look at it again.
          if (target === undefined) pending.unshift(component);
          else {
            if (target.startsWith('/')) while (stack.length > 1) await this.release(stack.pop()!.handle);
            pending.unshift(...pathComponents(target));
          }
          continue;
        }
        if (last) {
          stack.pop();
          return { kind: 'child', path: here, parent: current, name: component, stats, area: current.area };
        }
        if (!stats.isDirectory()) return { kind: 'missing', path: posix.join(here, ...pending) };
        const handle = await this.open(host, directoryFlags).catch(changedMeanwhile);
        if (handle) stack.push({ handle, path: here, area: current.area });
        else if (++links > maxLinks) throw tooManyLinks(path);
        else pending.unshift(component);
      }
    } finally {
      for (const directory of stack) await this.release(directory.handle);
    }
  }

  /** The entry as a directory held open (the caller releases it), or undefined when it is not one. */
  async directory(entry: Entry): Promise<Directory | undefined> {
    if (entry.kind === 'missing' || !entry.stats.isDirectory()) return undefined;
    if (entry.kind === 'held') return { handle: entry.handle, path: entry.path, area: entry.area };
    const handle = await this.open(childPath(entry.parent, entry.name), directoryFlags).catch(changedMeanwhile);
    return handle && { handle, path: entry.path, area: entry.area };
  }

  /** The directory at `path` (a link at its end followed), held open for the caller; undefined when there is none. */
  async directoryAt(path: string, options: { create?: boolean } = {}): Promise<Directory | undefined> {
    const entry = await this.resolve(path, { followFinal: true, ...options });
    const directory = await this.directory(entry);
    if (entry.kind === 'child') await this.release(entry.parent.handle);
    else if (entry.kind === 'held' && !directory) await this.release(entry.handle);
    return directory;
  }

  private sharedOpen(key: string, path: string, flags: number): Promise<{ handle: FileHandle; stats: Stats }> {
    let held = this.shared.get(key);
    if (!held) {
      held = open(path, flags).then(async (handle) => ({ handle, stats: await handle.stat() }));
      this.shared.set(key, held);
    }
    return held;
  }
}

async function lstatIfPresent(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** An entry that stopped being what it was a moment ago (a running container changed it): undefined, to look again. */
function changedMeanwhile(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ELOOP' || error.code === 'ENOTDIR' || error.code === 'ENOENT' || error.code === 'EINVAL') return undefined;
  throw error;
}

function existsIsFine(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EEXIST') throw error;
}
