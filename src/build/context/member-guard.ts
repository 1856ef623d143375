import type { ReadEntry } from 'tar';
import { climbsOut, pathComponents } from '../../files/path-components.js';
import { memberRefused } from './context-errors.js';

/** A member of a received build context that may be unpacked, named relative to the context ('' for the context itself). */
export type CheckedMember =
  | { kind: 'directory' | 'file'; name: string }
  | { kind: 'symlink'; name: string; target: string }
  /** A hard link's target is another member's name. */
  | { kind: 'hardlink'; name: string; target: string };

/**
 * What a build context's tar may hold, checked member by member before anything is written (the
 * ideas of cp's ArchiveGuard and the container archive's checkMember, with a build context's own
 * wording): relative names without `..`; nothing written through a symbolic link the archive
 * made; symbolic links whose relative target stays inside the context (Docker's own breakout
 * check; an absolute target is kept, and COPY resolves it inside the context); hard links to
 * another member's name; and only files, directories and links. Device nodes and FIFOs are
 * refused: a build context has no use for them.
 */
export class MemberGuard {
  private readonly symlinks = new Set<string>();

  check(entry: Pick<ReadEntry, 'path' | 'type' | 'linkpath'>): CheckedMember {
    const raw = entry.path;
    const refuse = (reason: string): never => {
      throw memberRefused(raw, reason);
    };
    if (raw.includes('\0')) refuse('has a NUL byte in its name');
    if (raw.startsWith('/')) refuse('has an absolute name');
    const parts = pathComponents(raw);
    if (parts.includes('..')) refuse('climbs out of the context with ".."');
    const through = this.symlinkAbove(parts);
    if (through !== undefined) refuse(`would be written through the symbolic link ${JSON.stringify(through)} the archive made`);
    const name = parts.join('/');
    const target = entry.linkpath ?? '';
    switch (entry.type) {
      case 'Directory':
        return { kind: 'directory', name };
      case 'File':
      case 'ContiguousFile':
        return { kind: 'file', name };
      case 'OldFile':
        // An old-style file member named like a directory is one, as Go's tar reader has it.
        return { kind: raw.endsWith('/') ? 'directory' : 'file', name };
      case 'SymbolicLink':
        if (target === '' || target.includes('\0')) refuse('is a symbolic link without a usable target');
        if (!target.startsWith('/') && climbsOut(parts.slice(0, -1), target)) refuse(`is a symbolic link to ${JSON.stringify(target)}, outside the context`);
        this.symlinks.add(name);
        return { kind: 'symlink', name, target };
      case 'Link': {
        const targetParts = pathComponents(target);
        if (targetParts.length === 0 || target.includes('\0')) refuse('is a hard link without a usable target');
        if (target.startsWith('/') || targetParts.includes('..')) refuse(`is a hard link to ${JSON.stringify(target)}, outside the context`);
        // A link to an archive's symbolic link itself is fine: link(2) does not follow it.
        const linked = this.symlinkAbove(targetParts);
        if (linked !== undefined) refuse(`is a hard link reaching ${JSON.stringify(target)} through the symbolic link ${JSON.stringify(linked)} the archive made`);
        return { kind: 'hardlink', name, target: targetParts.join('/') };
      }
      case 'CharacterDevice':
      case 'BlockDevice':
        return refuse('is a device node, which a build context may not hold');
      case 'FIFO':
        return refuse('is a FIFO, which a build context may not hold');
      default:
        return refuse(`is a tar member of type ${entry.type}, which a build context may not hold`);
    }
  }

  /** The archive's own symbolic link among the member's parent directories, if any. */
  private symlinkAbove(parts: readonly string[]): string | undefined {
    for (let length = 1; length < parts.length; length += 1) {
      const parent = parts.slice(0, length).join('/');
      if (this.symlinks.has(parent)) return parent;
    }
    return undefined;
  }
}
