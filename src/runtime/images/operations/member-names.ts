import { archiveRefused } from './archive-errors.js';

/**
 * Names inside an image archive. Nothing here touches the filesystem: members are looked up by
 * name in the archive itself. Still, a name that climbs out (`..`, an absolute path) is refused,
 * as Docker's loader refuses to unpack it, because no honest archive has one and it is the first
 * sign of a hostile one.
 */

/** A member's name, normalized (`./a//b/` is `a/b`); '' for the archive's root directory. */
export function memberName(raw: string): string {
  if (raw.startsWith('/')) throw archiveRefused(raw, 'has an absolute name');
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw archiveRefused(raw, 'climbs out of the archive with ".."');
  return parts.join('/');
}

/**
 * Where a path named inside the archive leads: relative to `base` (a directory in the archive,
 * '' for the root), `..` allowed as long as it stays inside. `owner` is the member or file that
 * names the path, for the refusal.
 */
export function resolveWithin(base: string, path: string, owner: string): string {
  if (path.startsWith('/')) throw archiveRefused(owner, `points to the absolute path ${JSON.stringify(path)}`);
  const parts = base === '' ? [] : base.split('/');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) throw archiveRefused(owner, `points to ${JSON.stringify(path)}, outside the archive`);
  }
  return parts.join('/');
}

/** The directory holding a member, '' at the root. */
export function directoryOf(name: string): string {
  return name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
}
