import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pack, Parser, Unpack, type ReadEntry } from 'tar';
import { BerthError } from '../../errors/index.js';
import { printWarning } from '../print-warning.js';

/**
 * The tar side of `cp`: archives made from local files, archives unpacked into a local directory,
 * and the check that keeps an archive inside the directory it is unpacked into.
 */

/** Renames the archive's top entry (`from`, the source's base name; `.` means "its content") to `to`. */
export interface Rebase {
  from: string;
  to: string;
}

/**
 * Refuses archive members that would land outside the directory they are unpacked into, as
 * Docker's own extractor does: absolute names, `..` components, links whose target climbs out,
 * and members written through a symbolic link the archive itself made. Absolute symlink targets
 * are kept (copying a container's /etc needs them); nothing is written through them.
 */
export class ArchiveGuard {
  private readonly symlinks = new Set<string>();

  /** Why the member may not be unpacked, or undefined when it may. */
  problem(entry: Pick<ReadEntry, 'path' | 'type' | 'linkpath'>): string | undefined {
    const path = entry.path.replace(/\\/g, '/');
    if (path.startsWith('/')) return `member ${entry.path} has an absolute name`;
    const parts = componentsOf(path);
    if (parts.includes('..')) return `member ${entry.path} climbs out of the destination with ..`;
    const through = this.symlinkAbove(parts);
    if (through !== undefined) return `member ${entry.path} would be written through the symbolic link ${through}`;
    const target = entry.linkpath ?? '';
    if (entry.type === 'Link') {
      // A hard link's target is another member's name; reached through a symlink it could be any file.
      const targetParts = componentsOf(target);
      if (target.startsWith('/') || targetParts.includes('..') || this.symlinkAbove(targetParts) !== undefined) {
        return `hard link ${entry.path} points outside the destination (${target})`;
      }
    }
    if (entry.type === 'SymbolicLink') {
      if (!target.startsWith('/') && climbsOut(posix.join(posix.dirname(parts.join('/') || '.'), target))) {
        return `symbolic link ${entry.path} points outside the destination (${target})`;
      }
      this.symlinks.add(parts.join('/'));
    }
    return undefined;
  }

  /** The archive's own symlink among the member's parent directories, if any. */
  private symlinkAbove(parts: readonly string[]): string | undefined {
    for (let length = 1; length < parts.length; length += 1) {
      const parent = parts.slice(0, length).join('/');
      if (this.symlinks.has(parent)) return parent;
    }
    return undefined;
  }
}

/** Makes a tar of `name` in `directory` (a file, or a directory with its content), its top entry renamed as `rebase` asks. */
export function localArchive(directory: string, name: string, rebase?: Rebase): Pack {
  const pack = new Pack({
    cwd: directory,
    onWriteEntry: (entry) => {
      if (!rebase) return;
      entry.path = rebased(entry.path, rebase);
      if (entry.type === 'Link' && entry.linkpath !== undefined) entry.linkpath = rebased(entry.linkpath, rebase);
    },
  });
  pack.add(name);
  pack.end();
  return pack;
}

/**
 * Unpacks a tar into `directory`; at the first member that would escape (see ArchiveGuard) it
 * writes nothing further and fails once the archive is read. Ownership is not restored (`docker
 * cp` does not either); what the tar library skips (device files without root, for one) is
 * reported as a warning.
 */
export async function extractArchive(source: Readable, directory: string, rebase?: Rebase): Promise<void> {
  const guard = new ArchiveGuard();
  let refusal: BerthError | undefined;
  const unpack = new Unpack({
    cwd: directory,
    preserveOwner: false,
    // The tar library would make absolute symlink targets relative (`/etc/x` becomes `etc/x`);
    // docker cp keeps them. The guard below refuses what the library's own path checks would.
    preservePaths: true,
    filter: (_path, entry) => {
      if (refusal) return false;
      const problem = guard.problem(entry as ReadEntry);
      if (problem === undefined) return true;
      // The rest is read and skipped rather than aborted, so no write is still pending on return.
      refusal = unsafeArchive(problem);
      return false;
    },
    onReadEntry: (entry) => {
      if (!rebase) return;
      entry.path = rebased(entry.path, rebase);
      if (entry.type === 'Link' && entry.linkpath) entry.linkpath = rebased(entry.linkpath, rebase);
    },
    onwarn: (_code, message) => printWarning(`cp: ${String(message)}`),
  });
  try {
    await feed(source, unpack);
  } catch (error) {
    throw refusal ?? error;
  }
  if (refusal) throw refusal;
}

/**
 * Reads a tar from `source` (stdin for `cp - SERVICE:DEST`) into a temporary file and checks every
 * member, so that an unsafe archive is refused before any of it reaches a container, and so that
 * the same bytes can go to each of the service's containers. Call `discard` when done.
 */
export async function checkedArchive(source: Readable): Promise<{ open(): Readable; discard(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'berth-cp-'));
  const file = join(directory, 'archive.tar');
  const discard = (): Promise<void> => rm(directory, { recursive: true, force: true });
  try {
    await pipeline(source, createWriteStream(file));
    const guard = new ArchiveGuard();
    let problem: string | undefined;
    const parser = new Parser({
      onReadEntry: (entry) => {
        problem ??= guard.problem(entry);
        entry.resume();
      },
    });
    await feed(createReadStream(file), parser);
    if (problem !== undefined) throw unsafeArchive(problem);
  } catch (error) {
    await discard();
    throw error;
  }
  return { open: () => createReadStream(file), discard };
}

/**
 * Pipes bytes into the tar library's parser (an event emitter with write and end, not a Node
 * stream that `pipeline` takes) and settles when it has read everything, or at the first error.
 */
function feed(source: Readable, parser: Parser): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      source.unpipe();
      source.destroy();
      reject(error);
    };
    source.on('error', fail);
    parser.on('error', fail);
    parser.on('close', () => resolve());
    source.pipe(parser);
  });
}

function unsafeArchive(problem: string): BerthError {
  return new BerthError({
    code: 'ARCHIVE_UNSAFE',
    kind: 'usage',
    message: `refusing the archive: ${problem}`,
    hint: 'an archive for cp must keep every member inside the destination: relative names without .., and links that stay inside',
  });
}

function rebased(path: string, rebase: Rebase): string {
  const parts = componentsOf(path);
  const trailingSlash = path.endsWith('/') ? '/' : '';
  if (rebase.from === '.') return [rebase.to, ...parts].join('/') + trailingSlash;
  if (parts[0] !== rebase.from) return path;
  return [rebase.to, ...parts.slice(1)].join('/') + trailingSlash;
}

/** A member name's components, without empty ones or `.` (`./a//b/` is `a`, `b`). */
function componentsOf(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

function climbsOut(path: string): boolean {
  const normalized = posix.normalize(path);
  return normalized === '..' || normalized.startsWith('../');
}
