import { closeSync, constants, linkSync, openSync, renameSync, rmSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { archivedLogPath, heldLogPath } from './log-file-set.js';

/** Docker's json-file `max-size` (bytes) and `max-file` (how many files in all, 1 by default). */
export interface LogLimits {
  maxSize?: number;
  maxFiles?: number;
}

/**
 * conmon rotates: at `--log-size-max` it renames an empty PATH.tmp over PATH and writes on
 * there. That alone would lose the old file (PATH was its only name), and conmon cannot keep
 * numbered files; so berth gives the live file a second name, PATH.0, and files it as PATH.1
 * afterwards (see LogRotation). conmon checks the size before each write, so no file exceeds
 * `maxSize`, as with Docker's json-file.
 */
export function conmonLogSizeMax(limits: LogLimits): number | undefined {
  return limits.maxSize;
}

/**
 * Files conmon's rotations the way Docker's json-file keeps them. The invariant: the live file
 * always has a second name, PATH.0, until it has been filed. So when conmon replaces PATH, the
 * lines written before stay in the old inode, which PATH.0 still names; `reconcile` then files
 * PATH.0 as PATH.1 (shifting older archives up and dropping what exceeds `maxFiles`) and links
 * the new live file as PATH.0.
 *
 * The engine runs one per running container: `watch()` reconciles on every change in the log's
 * directory, within milliseconds of conmon's rename. A line is lost only if conmon rotates twice
 * before that (a container writing `maxSize` bytes while the engine is stalled), or while no
 * engine runs, where the second rotation onwards replaces an unfiled file; the engine catches
 * up with a reconcile when it re-adopts the container.
 */
export class LogRotation {
  private watcher: FSWatcher | undefined;

  constructor(
    private readonly logPath: string,
    private readonly limits: LogLimits,
    /** Told when a rotation step fails (a full disk, a directory removed under it); it retries on the next change. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Readies the log before conmon opens it (conmon appends). A log kept from an earlier run of
   * the container is filed first, as conmon's size count starts at zero with every start.
   */
  static prepare(logPath: string, limits: LogLimits): void {
    const rotation = new LogRotation(logPath, limits);
    rotation.reconcile(); // an old file conmon replaced while no engine ran is filed first
    if (limits.maxSize !== undefined && (statIfPresent(logPath)?.size ?? 0) > 0) {
      rmSync(heldLogPath(logPath), { force: true });
      renameSync(logPath, heldLogPath(logPath));
      rotation.fileHeld();
    }
    closeSync(openSync(logPath, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600));
    rotation.reconcile();
  }

  watch(): this {
    const name = basename(this.logPath);
    this.reconcile();
    this.watcher = watch(dirname(this.logPath), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      try {
        this.reconcile();
      } catch (error) {
        this.onError(error);
      }
    });
    this.watcher.on('error', () => this.watcher?.close());
    return this;
  }

  close(): void {
    this.watcher?.close();
  }

  reconcile(): void {
    if (this.limits.maxSize === undefined) return;
    const live = statIfPresent(this.logPath);
    if (!live) return;
    const held = statIfPresent(heldLogPath(this.logPath));
    if (held && held.ino !== live.ino) this.fileHeld();
    linkIfMissing(this.logPath, heldLogPath(this.logPath));
  }

  /** PATH.0 becomes PATH.1, PATH.1 PATH.2 ..., and the oldest beyond `maxFiles` goes. */
  private fileHeld(): void {
    const maxFiles = Math.max(1, this.limits.maxFiles ?? 1);
    for (let index = Math.max(1, maxFiles - 1); statIfPresent(archivedLogPath(this.logPath, index)); index += 1) {
      rmSync(archivedLogPath(this.logPath, index), { force: true });
    }
    for (let index = maxFiles - 2; index >= 1; index -= 1) {
      renameIfPresent(archivedLogPath(this.logPath, index), archivedLogPath(this.logPath, index + 1));
    }
    if (maxFiles >= 2) renameSync(heldLogPath(this.logPath), archivedLogPath(this.logPath, 1));
    else rmSync(heldLogPath(this.logPath), { force: true });
  }
}

function statIfPresent(path: string): { ino: bigint; size: number } | undefined {
  try {
    const stat = statSync(path, { bigint: true });
    return { ino: stat.ino, size: Number(stat.size) };
  } catch {
    return undefined;
  }
}

function linkIfMissing(target: string, link: string): void {
  try {
    linkSync(target, link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
