import { dirname } from 'node:path';
import type { ContainerRecord } from '../records/index.js';
import { mountRootfs, rootfsPaths, unmountRootfs } from '../rootfs/index.js';

/** One of the container's mounts as the archive sees it: a host directory (or file) over a container path. */
export interface TreeMount {
  /** Absolute and normalized: `/data`. */
  destination: string;
  /** The host path the container sees there (a volume's `_data`, a bind's source, an /etc file). */
  source: string;
  readOnly: boolean;
}

/**
 * A container's files as its processes see them, seen from the host: the mounted root filesystem
 * with the container's volumes, binds and /etc files laid over it, as Docker lays them for
 * `docker cp`. tmpfs mounts live only in the container's own mount namespace; as in Docker, a
 * copy reaches the root filesystem's directory under them.
 */
export interface ContainerTree {
  /** The host path of the mounted root filesystem. */
  root: string;
  readOnlyRoot: boolean;
  mounts: readonly TreeMount[];
  /** Config.User, whose ids `copyUIDGID` gives the copied files. */
  user: string | undefined;
}

/** What the engine hands over for one archive operation on a container. */
export interface TreeSource {
  record: ContainerRecord;
  /** The container's root filesystem directory (its layout's `rootfs`). */
  rootfsDirectory: string;
  /** The image's unpacked layers, to mount the root of a container that does not run. */
  layers(): Promise<readonly string[]>;
  /** Whether a run of the container holds its root mounted. */
  running(): boolean;
}

/**
 * Runs `work` on the container's tree. A container that runs has its root mounted already; any
 * other has it mounted for the work and unmounted after, so nothing stays mounted. The caller
 * keeps the container's lifecycle out meanwhile (the engine's per-container queue): a start or a
 * removal in the middle would find the root in use.
 */
export async function withContainerTree<T>(source: TreeSource, work: (tree: ContainerTree) => Promise<T>): Promise<T> {
  const root = source.running() ? rootfsPaths(source.rootfsDirectory).merged : await mountRootfs(source.rootfsDirectory, await source.layers());
  try {
    return await work(containerTree(source.record, root));
  } finally {
    // Also when the container exited during the work: its exit could not unmount a root in use.
    if (!source.running()) await unmountRootfs(source.rootfsDirectory);
  }
}

/** The bind and volume mounts of the record, then the /etc files (hostname, hosts, resolv.conf) a mount of its own does not replace. */
function containerTree(record: ContainerRecord, root: string): ContainerTree {
  const mounts: TreeMount[] = record.Mounts.filter((mount) => mount.Type === 'bind' || mount.Type === 'volume').map((mount) => ({
    destination: normalized(mount.Destination),
    source: mount.Source,
    readOnly: !mount.RW,
  }));
  // writeEtcFiles keeps them beside the record, where the log is; the container may edit them.
  const etc = dirname(record.LogPath);
  for (const [file, destination] of [['hostname', '/etc/hostname'], ['hosts', '/etc/hosts'], ['resolv.conf', '/etc/resolv.conf']] as const) {
    if (!mounts.some((mount) => mount.destination === destination)) mounts.push({ destination, source: `${etc}/${file}`, readOnly: false });
  }
  return { root, readOnlyRoot: record.HostConfig.ReadonlyRootfs === true, mounts, user: record.Config.User || undefined };
}

function normalized(path: string): string {
  return `/${path.split('/').filter((part) => part !== '' && part !== '.').join('/')}`;
}
