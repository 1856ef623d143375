import type { Stats } from 'node:fs';
import { Header, Pax } from 'tar';

/** One member's header, as berth writes it for `GET /containers/{id}/archive`, a build step and a watch sync. */
export interface MemberHeader {
  /** The member's name; a directory's ends with `/`. */
  path: string;
  type: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'BlockDevice' | 'FIFO';
  stats: MemberStats;
  /** A link's target (a hard link's is another member's name). */
  linkpath?: string;
}

/** What a header takes of a member's stats: a file's `Stats`, or fields a writer makes up (a build's COPY --chown, a sync's owner). */
export type MemberStats = Pick<Stats, 'mode' | 'uid' | 'gid' | 'size' | 'mtimeMs'> & { rdev?: number };

const blockSize = 512;

/**
 * The header blocks of a member: a ustar header, preceded by a pax header when a name, a link
 * target, an id or the size does not fit ustar's fields, as Docker's Go tar writer does. Owners
 * are numbers only (no user or group names), mtimes whole seconds; device numbers for devices.
 */
export function headerBlocks(member: MemberHeader): Buffer {
  const { stats } = member;
  const size = member.type === 'File' ? stats.size : 0;
  const mtime = new Date(Math.floor(stats.mtimeMs / 1000) * 1000);
  const device = member.type === 'CharacterDevice' || member.type === 'BlockDevice' ? deviceNumbers(stats.rdev ?? 0) : { devmaj: 0, devmin: 0 };
  const fields = { path: member.path, type: member.type, mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, size, mtime, ...device, ...(member.linkpath !== undefined ? { linkpath: member.linkpath } : {}) };
  const header = new Header(fields);
  if (!header.encode()) return header.block!;
  const pax = new Pax({ path: member.path, uid: stats.uid, gid: stats.gid, size, mtime, ...(member.linkpath !== undefined ? { linkpath: member.linkpath } : {}) }).encode();
  return Buffer.concat([pax, header.block!]);
}

/** The zeros that fill a body of `size` bytes up to its last block. */
export function bodyPadding(size: number): Buffer {
  const rest = size % blockSize;
  return Buffer.alloc(rest === 0 ? 0 : blockSize - rest);
}

/** Two zero blocks end an archive. */
export const endOfArchive = Buffer.alloc(2 * blockSize);

/** Linux's dev_t split into major and minor (glibc's gnu_dev_major/minor). */
function deviceNumbers(rdev: number): { devmaj: number; devmin: number } {
  const dev = BigInt(rdev);
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return { devmaj: Number(major), devmin: Number(minor) };
}
