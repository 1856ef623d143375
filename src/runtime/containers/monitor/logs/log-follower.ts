import { statSync, watch, type FSWatcher } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { LineReader } from './line-reader.js';
import { parseLogLine, type LogRecord } from './log-record.js';

/** The fallback when inotify is unavailable: look for new output this often. */
const pollInterval = 250;

export interface FollowOptions {
  followUntil?: Promise<unknown>;
  until?: bigint;
  signal?: AbortSignal;
}

/** Where the history read stopped in the live file, so following goes on from there. */
export interface FollowStart {
  reader: LineReader;
  ino: bigint;
}

/**
 * Follows the live log file as conmon appends to it. Wakes on inotify events for the file's
 * directory; when PATH names a new inode (conmon reopened it after a rotation), the old file is
 * read to its end first, because conmon closes it before it renames the new one into place.
 */
export class LogFollower {
  private current: FollowStart | undefined;
  private readonly owned = new Set<LineReader>();
  private watcher: FSWatcher | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private untilTimer: NodeJS.Timeout | undefined;
  private dirty = true;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly logPath: string,
    start: FollowStart | undefined,
    private readonly options: FollowOptions,
  ) {
    this.current = start;
    this.watchDirectory();
    options.followUntil?.then(this.stop, this.stop);
    options.signal?.addEventListener('abort', this.poke, { once: true });
    if (options.until !== undefined) {
      const delay = Number((options.until - BigInt(Date.now()) * 1_000_000n) / 1_000_000n);
      this.untilTimer = setTimeout(this.stop, Math.max(0, delay) + 1);
    }
  }

  async *records(): AsyncGenerator<LogRecord> {
    for (;;) {
      if (this.options.signal?.aborted) return;
      const stopping = this.stopping;
      this.dirty = false;
      yield* this.readCurrent();
      const renamed = this.renamedInode();
      if (renamed !== undefined) {
        // The old file is complete, but its last lines may have landed after the read above.
        yield* this.readCurrent();
        if (await this.switchTo(renamed)) continue;
      }
      if (stopping) return;
      if (!this.dirty) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  close(): void {
    this.watcher?.close();
    clearInterval(this.pollTimer);
    clearTimeout(this.untilTimer);
    this.options.signal?.removeEventListener('abort', this.poke);
    for (const reader of this.owned) void reader.handle.close().catch(() => undefined);
    this.owned.clear();
  }

  private async *readCurrent(): AsyncGenerator<LogRecord> {
    if (!this.current) return;
    for await (const line of this.current.reader.lines()) {
      const record = parseLogLine(line);
      if (record) yield record;
    }
  }

  /** The inode PATH names now when it is not the file being read (conmon reopened the log). */
  private renamedInode(): bigint | undefined {
    try {
      const ino = statSync(this.logPath, { bigint: true }).ino;
      return this.current?.ino === ino ? undefined : ino;
    } catch {
      return undefined;
    }
  }

  private async switchTo(expected: bigint): Promise<boolean> {
    const handle = await open(this.logPath, 'r').catch(() => undefined);
    if (!handle) return false;
    const ino = (await handle.stat({ bigint: true })).ino;
    if (ino !== expected) {
      // Renamed again meanwhile: the next turn reads the file in between through its new name.
      await handle.close();
      return false;
    }
    const previous = this.current?.reader;
    if (previous && this.owned.delete(previous)) void previous.handle.close().catch(() => undefined);
    const reader = new LineReader(handle, 0);
    this.owned.add(reader);
    this.current = { reader, ino };
    return true;
  }

  private watchDirectory(): void {
    const name = basename(this.logPath);
    try {
      this.watcher = watch(dirname(this.logPath), (_event, changed) => {
        if (changed === null || changed === name) this.poke();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.pollTimer = setInterval(this.poke, pollInterval);
      });
    } catch {
      this.pollTimer = setInterval(this.poke, pollInterval);
    }
  }

  private readonly poke = (): void => {
    this.dirty = true;
    this.wake?.();
  };

  private readonly stop = (): void => {
    this.stopping = true;
    this.poke();
  };
}
