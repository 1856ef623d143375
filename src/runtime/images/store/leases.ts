import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionLock } from './collection-lock.js';
import { namesIn } from './files.js';
import { currentHolder, holderAlive } from './holder.js';
import { StoreLayout } from './layout.js';

/**
 * Leases, after containerd's: work that stores content before an image record reaches it (a pull
 * between its first blob and its tag, a load, an import, a push fetching a layer) holds a lease
 * naming every digest and ChainID it relies on, and garbage collection removes nothing a lease
 * names. A lease is a directory `leases/<holder>.<random>/` with an empty file per name
 * (StoreLayout.entryName), so a collection in another process sees it too; this process's own
 * collections read its leases from memory.
 *
 * Why nothing slips through:
 * - A name goes into memory, then onto disk, and only then (after settled()) does the work look
 *   at the store. A collection marks itself running and takes the lock file before it reads the
 *   leases. So either the collection reads the name, or the work waits for the collection to end
 *   and then sees what it left.
 * - Work tags its image before it releases its lease, and a collection reads the leases before the
 *   records. So a collection either still finds the lease, or finds the tag.
 *
 * A lease whose holder died (holder.ts) protects its names until it is older than the collection's
 * stale cutoff, like the partial downloads it sits beside, and is then removed.
 */
export class Leases {
  private readonly held = new Set<Lease>();

  constructor(
    private readonly layout: StoreLayout,
    private readonly lock: CollectionLock,
  ) {}

  async open(): Promise<Lease> {
    const directory = join(this.layout.leases, `${await currentHolder()}.${randomBytes(6).toString('hex')}`);
    await mkdir(directory, { recursive: true });
    const lease = new Lease(directory, this.lock, () => this.held.delete(lease));
    this.held.add(lease);
    return lease;
  }

  /**
   * The names leases protect for a collection starting now: this process's, those of live
   * processes, and those of dead ones not yet stale. `abandoned` lists the directories of dead
   * holders' leases last added to before `staleBefore`, which protect nothing any more.
   */
  async protectedNames(staleBefore: number): Promise<{ names: Set<string>; abandoned: string[] }> {
    const names = new Set<string>();
    for (const lease of this.held) for (const name of lease.names()) names.add(name);
    const self = await currentHolder();
    const abandoned: string[] = [];
    for (const entry of await namesIn(this.layout.leases)) {
      const holder = entry.slice(0, entry.indexOf('.'));
      // Memory is ahead of this process's directories, which add nothing to it.
      if (holder === self) continue;
      const directory = join(this.layout.leases, entry);
      if (!(await holderAlive(holder)) && (await lastAdded(directory)) < staleBefore) {
        abandoned.push(directory);
        continue;
      }
      for (const name of await namesIn(directory)) names.add(name);
    }
    return { names, abandoned };
  }
}

/** One operation's lease: see Leases. */
export class Lease {
  /** Each name, with the write of its file and the wait for a running collection. */
  private readonly added = new Map<string, Promise<void>>();

  constructor(
    private readonly directory: string,
    private readonly lock: CollectionLock,
    private readonly forget: () => void,
  ) {}

  /** Protects `digest` (a blob digest or a ChainID) from garbage collection until release(). */
  add(digest: string): Promise<void> {
    const name = StoreLayout.entryName(digest);
    let added = this.added.get(name);
    if (added === undefined) {
      added = this.write(name);
      this.added.set(name, added);
    }
    return added;
  }

  names(): IterableIterator<string> {
    return this.added.keys();
  }

  async release(): Promise<void> {
    this.forget();
    await rm(this.directory, { recursive: true, force: true });
  }

  private async write(name: string): Promise<void> {
    await writeFile(join(this.directory, name), '');
    await this.lock.settled();
  }
}

/** When a name was last added to a lease directory (its mtime); -Infinity when it is gone. */
async function lastAdded(directory: string): Promise<number> {
  try {
    return (await stat(directory)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return -Infinity;
    throw error;
  }
}
