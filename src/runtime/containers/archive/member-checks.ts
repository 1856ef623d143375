import type { ReadEntry } from 'tar';
import { climbsOut, pathComponents } from '../../../files/path-components.js';
import { memberRefused } from './archive-errors.js';

/** A member berth will unpack: its name relative to the destination ('' for the destination itself). */
export type CheckedMember =
  | { kind: 'directory' | 'file'; name: string }
  | { kind: 'symlink'; name: string; target: string }
  /** A hard link's target is another name relative to the destination. */
  | { kind: 'hardlink'; name: string; target: string };

/**
 * What an archive member may be, checked before anything is written (as the image layers'
 * policy does): a relative name without `..`; a symbolic link whose relative target does not
 * climb out of the destination (Docker's own breakout check; an absolute target is the
 * container's path and stays inside it); a hard link to another relative name without `..`; and
 * only directories, files and links. Device nodes are refused (a copy has no business making
 * them, and in a root filesystem a 0:0 character device would hide a file as a whiteout), and so
 * are FIFOs and the rarer tar types.
 */
export function checkMember(entry: Pick<ReadEntry, 'path' | 'type' | 'linkpath'>): CheckedMember {
  const raw = entry.path;
  const refuse = (reason: string): never => {
    throw memberRefused(raw, reason);
  };
  if (raw.includes('\0')) refuse('its name holds a NUL byte');
  if (raw.startsWith('/')) refuse('it has an absolute name');
  const parts = pathComponents(raw);
  if (parts.includes('..')) refuse('its name climbs out of the destination with ".."');
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
      if (target === '' || target.includes('\0')) refuse('it is a symbolic link without a usable target');
      if (!target.startsWith('/') && climbsOut(parts.slice(0, -1), target)) refuse(`it is a symbolic link to ${target}, outside the destination`);
      return { kind: 'symlink', name, target };
    case 'Link':
      if (target === '' || target.includes('\0')) refuse('it is a hard link without a usable target');
      if (target.startsWith('/')) refuse(`it is a hard link to the absolute path ${target}`);
      if (pathComponents(target).includes('..')) refuse(`it is a hard link to ${target}, which climbs out of the destination`);
      if (pathComponents(target).length === 0) refuse('it is a hard link to the destination itself');
      return { kind: 'hardlink', name, target: pathComponents(target).join('/') };
    case 'CharacterDevice':
    case 'BlockDevice':
      return refuse('it is a device node, which berth does not make in a container from an archive');
    case 'FIFO':
      return refuse('it is a FIFO, which berth does not make in a container from an archive');
    default:
      return refuse(`it is a tar member of type ${entry.type}, which a copy does not make`);
  }
}
