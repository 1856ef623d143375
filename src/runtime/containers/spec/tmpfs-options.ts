import { BerthError } from '../../../errors/index.js';
import type { HostConfig } from '../../../api/types/containers.js';
import type { ContainerMount } from './container-mounts.js';

/**
 * Mount flags by name, each with the flag it sets or clears (moby/sys/mount's table): a later
 * option overrides an earlier one of the same flag, so `exec` after the default `noexec` wins.
 * Propagation modes all share one key: a mount has one.
 */
const flagKeys: Record<string, string> = {
  ro: 'rdonly', rw: 'rdonly',
  suid: 'nosuid', nosuid: 'nosuid',
  dev: 'nodev', nodev: 'nodev',
  exec: 'noexec', noexec: 'noexec',
  sync: 'sync', async: 'sync',
  dirsync: 'dirsync',
  remount: 'remount',
  mand: 'mand', nomand: 'mand',
  atime: 'noatime', noatime: 'noatime',
  diratime: 'nodiratime', nodiratime: 'nodiratime',
  bind: 'bind',
  rbind: 'rbind',
  relatime: 'relatime', norelatime: 'relatime',
  strictatime: 'strictatime', nostrictatime: 'strictatime',
  unbindable: 'propagation', runbindable: 'propagation',
  private: 'propagation', rprivate: 'propagation',
  shared: 'propagation', rshared: 'propagation',
  slave: 'propagation', rslave: 'propagation',
};

/** The `key=value` options tmpfs takes. */
const dataKeys = new Set(['size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

/** Docker's options for every tmpfs a container asks for, before the container's own. */
const tmpfsDefaultOptions: readonly string[] = ['noexec', 'nosuid', 'nodev', 'rprivate'];

/**
 * The options of a tmpfs mount: Docker's defaults, then the container's `data` (`size=64m,exec`),
 * without duplicates, where the later of two options for the same flag or key wins and keeps its
 * place (moby/sys/mount MergeTmpfsOptions). An option tmpfs does not take is an error, as in Docker.
 */
export function tmpfsMountOptions(destination: string, data: string): string[] {
  const options = [...tmpfsDefaultOptions, ...(data === '' ? [] : data.split(','))];
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const option of options.reverse()) {
    if (option === 'defaults') continue;
    const flag = flagKeys[option];
    const equals = option.indexOf('=');
    const key = flag !== undefined ? `flag:${flag}` : `data:${option.slice(0, equals)}`;
    if (flag === undefined && (equals === -1 || !dataKeys.has(option.slice(0, equals)))) {
      throw new BerthError({
        code: 'CONTAINER_TMPFS_OPTION_INVALID',
        kind: 'usage',
        message: `invalid tmpfs option "${option}" for ${destination}`,
        hint: 'tmpfs takes size=, mode=, uid=, gid=, nr_inodes=, nr_blocks=, mpol= and mount flags such as ro, exec, noexec, nosuid',
      });
    }
    if (seen.has(key)) continue;
    seen.add(key);
    merged.unshift(option);
  }
  return merged;
}

/**
 * The data string Docker makes from `Mounts[].TmpfsOptions` (moby's ConvertTmpfsOptions): `ro`
 * when read-only, `mode=` in octal, `size=` with the largest of g, m, k that divides it exactly.
 */
export function tmpfsData(options: { SizeBytes?: number; Mode?: number } | undefined, readOnly: boolean): string {
  const parts: string[] = [];
  if (readOnly) parts.push('ro');
  if (options?.Mode) parts.push(`mode=${options.Mode.toString(8)}`);
  if (options?.SizeBytes) parts.push(`size=${sizeWithSuffix(options.SizeBytes)}`);
  return parts.join(',');
}

function sizeWithSuffix(bytes: number): string {
  for (const [suffix, divisor] of [['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const) {
    if (bytes % divisor === 0) return `${bytes / divisor}${suffix}`;
  }
  return String(bytes);
}

/**
 * The tmpfs mounts a HostConfig asks for, ready for the spec: `Tmpfs` (`{"/run": "size=64m"}`,
 * in path order, where Docker's order is a Go map's) and `Mounts` of type tmpfs, whose
 * TmpfsOptions become Docker's data string.
 */
export function tmpfsMounts(hostConfig: HostConfig): ContainerMount[] {
  const fromTmpfs = Object.entries(hostConfig.Tmpfs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([destination, data]): ContainerMount => ({ type: 'tmpfs', destination, data }));
  const fromMounts = (hostConfig.Mounts ?? [])
    .filter((mount) => mount.Type === 'tmpfs')
    .map((mount): ContainerMount => ({ type: 'tmpfs', destination: mount.Target, data: tmpfsData(mount.TmpfsOptions, mount.ReadOnly === true) }));
  return [...fromTmpfs, ...fromMounts];
}
