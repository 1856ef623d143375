import { constants, type Stats } from 'node:fs';
import { lchown, link, lstat, lutimes, mkdir, readdir, rmdir, symlink, unlink, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import type { ReadEntry } from 'tar';
import { memberConflict, readOnly } from './archive-errors.js';
import { checkMember, type CheckedMember } from './member-checks.js';
import { childPath, directoryFlags, heldPath, type Directory, type TreeSession } from './tree-session.js';

export interface MemberWriterOptions {
  /** Docker's noOverwriteDirNonDir: a directory is not replaced by a non-directory, nor the reverse. */
  noOverwriteDirNonDir: boolean;
  /** Owner for every member (copyUIDGID with a container user); else each member's own ids. */
  owner: { uid: number; gid: number } | undefined;
}

const createFileFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Writes archive members into a directory of the container, as Docker's untar does: missing
 * parents made, an existing entry replaced (a directory over a directory only gets the member's
 * owner and mode), owners and modes as the archive says, times as well, directories' times last.
 * Every member is checked first (checkMember) and reached through the tree session, so nothing is
 * written outside the container, onto a read-only mount, or over a mount point.
 */
export class MemberWriter {
  private readonly directoryTimes: { path: string; atime: Date; mtime: Date }[] = [];

  constructor(
    private readonly session: TreeSession,
    /** The destination's path in the container, resolved. */
    private readonly destination: string,
    private readonly options: MemberWriterOptions,
  ) {}

  async write(entry: ReadEntry): Promise<void> {
    const member = checkMember(entry);
    // The destination itself (`.`) stays as it is, as Docker leaves it.
    if (member.name === '') return;
    const written = posix.join(this.destination, member.name);
    const parent = await this.session.directoryAt(posix.dirname(written), { create: true });
    if (!parent) throw memberConflict(`cannot unpack ${member.name} into ${posix.dirname(written)}: it is not a directory`, 'the archive puts files under a path the container has as a file');
    try {
      // Where the member lands once the links on the way are followed.
      const name = posix.basename(written);
      const path = posix.join(parent.path, name);
      if (this.session.mountAt(path)) {
        // A mount's own root keeps its owner and mode; nothing replaces it.
        if (member.kind === 'directory') return;
        throw memberConflict(`cannot replace ${path} with the archive member ${member.name}: a volume or bind mount is there`, 'copy into the mounted directory instead');
      }
      if (parent.area.readOnly) throw readOnly(path, parent.area.mount !== undefined);
      await this.makeRoom(parent, name, member);
      await this.create(parent, name, member, entry);
    } finally {
      await this.session.release(parent.handle);
    }
  }

  /** Gives directories the times the archive says, now that nothing more is written into them. */
  async finish(): Promise<void> {
    for (const { path, atime, mtime } of this.directoryTimes) {
      const directory = await this.session.directoryAt(path);
      if (!directory) continue;
      try {
        await directory.handle.utimes(atime, mtime);
      } finally {
        await this.session.release(directory.handle);
      }
    }
  }

  private async makeRoom(parent: Directory, name: string, member: CheckedMember): Promise<void> {
    const existing = await lstat(childPath(parent, name)).catch(() => undefined);
    if (!existing) return;
    const path = posix.join(parent.path, name);
    if (this.options.noOverwriteDirNonDir && existing.isDirectory() !== (member.kind === 'directory')) {
      const [old, incoming] = existing.isDirectory() ? ['directory', 'non-directory'] : ['non-directory', 'directory'];
      throw memberConflict(`cannot overwrite ${old} "${path}" with ${incoming} "${this.destination}"`, `remove ${path} from the container first, or copy without noOverwriteDirNonDir`);
    }
    if (!(existing.isDirectory() && member.kind === 'directory')) await removeEntry(this.session, parent, name, existing);
  }

  private async create(parent: Directory, name: string, member: CheckedMember, entry: ReadEntry): Promise<void> {
    const host = childPath(parent, name);
    const uid = this.options.owner?.uid ?? entry.uid ?? 0;
    const gid = this.options.owner?.gid ?? entry.gid ?? 0;
    const mode = (entry.mode ?? (member.kind === 'directory' ? 0o755 : 0o644)) & 0o7777;
    const mtime = entry.mtime ?? new Date();
    const atime = entry.atime ?? mtime;
    if (member.kind === 'directory') {
      await mkdir(host, 0o700).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      const directory = await this.session.open(host, directoryFlags);
      try {
        await settle(directory, uid, gid, mode);
      } finally {
        await this.session.release(directory);
      }
      this.directoryTimes.push({ path: posix.join(parent.path, name), atime, mtime });
    } else if (member.kind === 'file') {
      const file = await this.session.open(host, createFileFlags, 0o600);
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) await writeAll(file, chunk);
        await settle(file, uid, gid, mode);
        await file.utimes(atime, mtime);
      } finally {
        await this.session.release(file);
      }
    } else if (member.kind === 'symlink') {
      await symlink(member.target, host);
      await lchown(host, uid, gid);
      await lutimes(host, atime, mtime);
    } else if (member.kind === 'hardlink') {
      await this.hardLink(host, member);
    }
  }

  private async hardLink(host: string, member: Extract<CheckedMember, { kind: 'hardlink' }>): Promise<void> {
    const target = await this.session.resolve(posix.join(this.destination, member.target), { followFinal: false });
    if (target.kind !== 'child') {
      if (target.kind === 'held') await this.session.release(target.handle);
      throw memberConflict(`cannot link ${member.name} to ${member.target}: there is no file to link to there`, 'a hard link in the archive must follow the file it links to');
    }
    try {
      await link(childPath(target.parent, target.name), host);
    } catch (error) {
      throw memberConflict(`cannot link ${member.name} to ${member.target}: ${(error as Error).message}`, 'a hard link must stay on one filesystem (not across a volume) and name a file, not a directory');
    } finally {
      await this.session.release(target.parent.handle);
    }
  }
}

/** Owner, then mode (a chown clears the set-id bits). */
async function settle(handle: FileHandle, uid: number, gid: number, mode: number): Promise<void> {
  await handle.chown(uid, gid);
  await handle.chmod(mode);
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) offset += (await file.write(chunk, offset)).bytesWritten;
}

/**
 * Removes `name` from `parent`, a directory with everything in it, never following a link and
 * never going into a mount (a mount point of the running container, removed, would take the
 * mount away from it).
 */
async function removeEntry(session: TreeSession, parent: Directory, name: string, stats: Stats): Promise<void> {
  const path = posix.join(parent.path, name);
  const mounted = session.tree.mounts.find((mount) => mount.destination === path || mount.destination.startsWith(`${path}/`));
  if (mounted) throw memberConflict(`cannot replace ${path}: ${mounted.destination} is a mount of the container`, 'copy into the mounted directory, or choose another destination');
  const host = childPath(parent, name);
  if (!stats.isDirectory()) return unlink(host);
  const inner = await session.open(host, directoryFlags);
  try {
    const directory: Directory = { handle: inner, path, area: parent.area };
    for (const child of await readdir(heldPath(inner))) {
      const childStats = await lstat(childPath(directory, child)).catch(() => undefined);
      if (childStats) await removeEntry(session, directory, child, childStats);
    }
  } finally {
    await session.release(inner);
  }
  await rmdir(host);
}
