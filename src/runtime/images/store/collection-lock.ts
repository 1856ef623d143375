import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentHolder, holderAlive } from './holder.js';
import { StoreLayout } from './layout.js';

/** How often a wait on another process's collection looks at the lock file again. */
const pollMs = 25;

/**
 * Makes garbage collection run alone: one at a time in this process (queued), and across
 * processes through the lock file `collect.lock`, which names its holder (holder.ts). Work that
 * relies on content waits in settled() while a collection runs; a collection is short (it reads
 * the records and removes files), so that wait is never the length of a pull. A lock left by a
 * process that died is taken over.
 */
export class CollectionLock {
  private queue: Promise<unknown> = Promise.resolve();
  /** The collection this process is running, settled either way; undefined when none is. */
  private active: Promise<void> | undefined;

  constructor(private readonly layout: StoreLayout) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => {
      // Marked active before its first await, so that a lease name added from now on waits for it.
      const running = this.exclusive(work);
      const active = running.then(
        () => undefined,
        () => undefined,
      );
      this.active = active;
      void active.then(() => {
        if (this.active === active) this.active = undefined;
      });
      return running;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once no collection is running: none of this process's, and none of a live process's. */
  async settled(): Promise<void> {
    while (this.active !== undefined) await this.active;
    const self = await currentHolder();
    for (;;) {
      const holder = await readHolder(this.layout.collectLock);
      // This process's own lock, with `active` clear, is a collection that began after the caller's
      // name was in memory, so it sees that name and need not be waited for.
      if (holder === undefined || holder === self || !(await holderAlive(holder))) return;
      await sleep(pollMs);
    }
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire(await currentHolder());
    try {
      return await work();
    } finally {
      await rm(this.layout.collectLock, { force: true });
    }
  }

  /** Creates the lock file whole, by linking a finished file to its name (which fails while it exists). */
  private async acquire(holder: string): Promise<void> {
    const claim = join(this.layout.ingest, `${StoreLayout.temporaryName('collect')}.tmp`);
    await writeFile(claim, holder);
    try {
      for (;;) {
        try {
          await link(claim, this.layout.collectLock);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const other = await readHolder(this.layout.collectLock);
        if (other !== undefined && (await holderAlive(other))) {
          await sleep(pollMs);
          continue;
        }
        // Its holder died during a collection; what it left half-done the next sweep finishes.
        await rm(this.layout.collectLock, { force: true });
      }
    } finally {
      await rm(claim, { force: true });
    }
  }
}

async function readHolder(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
