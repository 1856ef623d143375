import { posix } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import type { MountSpec } from './oci-types.js';
import { tmpfsMountOptions } from './tmpfs-options.js';

export type Propagation = 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave';

/**
 * A mount the caller has resolved to a host path: bind mounts (Binds, volumes, the container's
 * hostname, hosts and resolv.conf files) and tmpfs mounts. Docker gives binds `rprivate` (or
 * `rslave` for sources containing or inside its data root) and volumes no propagation; the caller
 * decides, as it knows which is which.
 */
export type ContainerMount =
  | { type: 'bind'; source: string; destination: string; readOnly?: boolean; propagation?: Propagation; nonRecursive?: boolean }
  | { type: 'tmpfs'; destination: string; /** Docker's data string: `size=64m,mode=1777`; see tmpfsData. */ data?: string };

export interface MountLayout {
  mounts: MountSpec[];
  /** Set when a bind mount needs propagation the root's default (private) would block. */
  rootfsPropagation?: 'shared' | 'rslave';
}

/**
 * Lays out a container's mounts as Docker's WithMounts does: the default mounts first, without
 * those a container mount replaces (same destination, or anything under /dev when /dev itself is
 * mounted), then the container's mounts with parents before children (by path depth, stable), with
 * Docker's options. With a read-only root, default mounts other than /proc and /dev's become
 * read-only too.
 */
export function layOutMounts(defaults: readonly MountSpec[], containerMounts: readonly ContainerMount[], readonlyRootfs: boolean): MountLayout {
  const ordered = containerMounts.map((mount) => ({ ...mount, destination: checkedDestination(mount.destination) }));
  const destinations = new Set<string>();
  for (const mount of ordered) {
    if (destinations.has(mount.destination)) {
      throw new BerthError({
        code: 'CONTAINER_MOUNT_DUPLICATE',
        kind: 'usage',
        message: `duplicate mount point: ${mount.destination} is the target of two mounts`,
        hint: 'give each volume, bind mount and tmpfs its own target path',
      });
    }
    destinations.add(mount.destination);
  }
  ordered.sort((a, b) => depth(a.destination) - depth(b.destination));

  const mountsDev = destinations.has('/dev');
  const kept = defaults
    .filter((mount) => !destinations.has(mount.destination) && !(mountsDev && mount.destination.startsWith('/dev/')))
    .map((mount) => (readonlyRootfs && !keepsWritable.has(mount.destination) && !mount.options.includes('ro') ? { ...mount, options: [...mount.options, 'ro'] } : mount));

  const layout: MountLayout = { mounts: [...kept] };
  for (const mount of ordered) {
    if (mount.type === 'tmpfs') {
      layout.mounts.push({ destination: mount.destination, type: 'tmpfs', source: 'tmpfs', options: tmpfsMountOptions(mount.destination, mount.data ?? '') });
      continue;
    }
    const options = [mount.nonRecursive ? 'bind' : 'rbind'];
    if (mount.readOnly) options.push('ro');
    if (mount.propagation) options.push(mount.propagation);
    layout.mounts.push({ destination: mount.destination, type: 'bind', source: mount.source, options });
    layout.rootfsPropagation = rootPropagationFor(mount.propagation, layout.rootfsPropagation);
  }
  return layout;
}

/** Default mounts a read-only root leaves writable: the kernel's own and /dev's. */
const keepsWritable = new Set(['/proc', '/dev/pts', '/dev/shm', '/dev/mqueue', '/dev']);

/**
 * A shared bind mount needs a shared root and a slave one a shared or slave root, or the
 * propagation stops at the root; Docker raises the root's propagation just enough.
 */
function rootPropagationFor(propagation: Propagation | undefined, current: MountLayout['rootfsPropagation']): MountLayout['rootfsPropagation'] {
  if (propagation === 'shared' || propagation === 'rshared') return 'shared';
  if ((propagation === 'slave' || propagation === 'rslave') && current === undefined) return 'rslave';
  return current;
}

function checkedDestination(destination: string): string {
  if (!posix.isAbsolute(destination)) {
    throw new BerthError({
      code: 'CONTAINER_MOUNT_DESTINATION_INVALID',
      kind: 'usage',
      message: `invalid mount target "${destination}": it must be an absolute path`,
      hint: 'write the target as the path inside the container, starting with /',
    });
  }
  const clean = posix.normalize(destination).replace(/(.)\/$/, '$1');
  if (clean === '/') {
    throw new BerthError({
      code: 'CONTAINER_MOUNT_DESTINATION_INVALID',
      kind: 'usage',
      message: 'invalid mount target "/": a mount cannot replace the root filesystem',
      hint: 'mount the volume or directory at a path below /',
    });
  }
  return clean;
}

/** Docker sorts by the number of path components, so /a mounts before /a/b. */
function depth(destination: string): number {
  return destination.split('/').length;
}
