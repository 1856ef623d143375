import { constants } from 'node:fs';
import { chmod, link, lstat, lutimes, mkdir, open, readdir, realpath, rm, symlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ReadEntry } from 'tar';
import { BerthError } from '../../errors/index.js';
import { completeArchiveEnd } from './archive-end.js';
import { contextDamaged, memberRefused } from './context-errors.js';
import { MemberGuard, type CheckedMember } from './member-guard.js';
import { tarMembers } from '../../files/tar-members.js';

/** A directory whose mode and times are set once nothing more is written into it. */
interface DirectoryFinish {
  path: string;
  mode: number;
  atime: Date;
  mtime: Date;
}

const createFileFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Unpacks a build context received with `POST /build` (a tar, plain or gzip-compressed, its end
 * completed as Go's reader takes it: completeArchiveEnd) into
 * `directory`, which must exist and be empty. Each member is checked before anything is written
 * (see MemberGuard): the first one refused stops the unpack with a BerthError naming it. Modes
 * and times are the archive's, exactly (no umask); owners are not restored, since COPY gives
 * files owners of its own. Parent directories the archive does not list are made 0755, as
 * Docker makes them. A later member of the same name replaces an earlier one.
 */
export async function unpackContext(input: Readable, directory: string): Promise<void> {
  const root = await realpath(directory);
  if ((await readdir(root)).length > 0) {
    throw new BerthError({ code: 'BUILD_CONTEXT_DIRECTORY_NOT_EMPTY', kind: 'internal', message: `cannot unpack a build context into ${root}: it is not empty`, hint: 'unpack each build context into a new empty directory' });
  }
  const guard = new MemberGuard();
  const directories: DirectoryFinish[] = [];
  for await (const entry of tarMembers(completeArchiveEnd(input), { damaged: contextDamaged, requireEndMarker: true })) {
    const member = guard.check(entry);
    if (member.name === '') continue;
    await writeMember(root, member, entry, directories);
  }
  // Deepest first, so that a directory made read-only is not needed for writing any more. A
  // directory a later member replaced is skipped: its path may now lead through a link.
  for (const finish of directories.reverse()) {
    if ((await realpath(finish.path).catch(() => undefined)) !== finish.path) continue;
    if (!(await lstat(finish.path)).isDirectory()) continue;
    await chmod(finish.path, finish.mode);
    await utimes(finish.path, finish.atime, finish.mtime);
  }
}

async function writeMember(root: string, member: CheckedMember, entry: ReadEntry, directories: DirectoryFinish[]): Promise<void> {
  const path = join(root, member.name);
  await mkdir(dirname(path), { recursive: true, mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR' || error.code === 'EEXIST') throw memberRefused(entry.path, 'lies under a path the archive made a file, not a directory');
    throw error;
  });
  const existing = await lstat(path).catch(() => undefined);
  if (existing && !(existing.isDirectory() && member.kind === 'directory')) await rm(path, { recursive: true, force: true });
  const mode = (entry.mode ?? (member.kind === 'directory' ? 0o755 : 0o644)) & 0o7777;
  const mtime = entry.mtime ?? new Date();
  const atime = entry.atime ?? mtime;
  switch (member.kind) {
    case 'directory':
      if (!existing?.isDirectory()) await mkdir(path, 0o700);
      directories.push({ path, mode, atime, mtime });
      return;
    case 'file': {
      const file = await open(path, createFileFlags, 0o600);
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          for (let offset = 0; offset < chunk.length; ) offset += (await file.write(chunk, offset)).bytesWritten;
        }
        // fchmod, unlike the mode open() takes, is not cut by the umask.
        await file.chmod(mode);
        await file.utimes(atime, mtime);
      } finally {
        await file.close();
      }
      return;
    }
    case 'symlink':
      await symlink(member.target, path);
      await lutimes(path, atime, mtime);
      return;
    case 'hardlink':
      // link(2) does not follow a link at the target, so this never reaches outside the context.
      await link(join(root, member.target), path).catch((error: NodeJS.ErrnoException) => {
        throw memberRefused(entry.path, `is a hard link to ${JSON.stringify(member.target)}, which is not a file the archive holds before it (${error.code ?? 'error'})`);
      });
      return;
  }
}
