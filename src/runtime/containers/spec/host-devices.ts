import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceSpec } from './oci-types.js';

/** /dev directories whose nodes belong to other mounts or are per-container (runc skips the same). */
const skippedDirectories = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']);

/**
 * Every character and block device under the host's /dev, for a privileged container, found as
 * runc's devices.HostDevices finds them: symlinks, FIFOs and /dev/console are left out.
 */
export async function hostDevices(directory = '/dev'): Promise<DeviceSpec[]> {
  const devices: DeviceSpec[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) devices.push(...(await hostDevices(path)));
      continue;
    }
    if (entry.name === 'console' || !(entry.isCharacterDevice() || entry.isBlockDevice())) continue;
    const stats = await lstat(path, { bigint: true }).catch(() => null);
    if (stats === null) continue; // gone since the listing
    devices.push({
      path,
      type: stats.isCharacterDevice() ? 'c' : 'b',
      major: Number(deviceMajor(stats.rdev)),
      minor: Number(deviceMinor(stats.rdev)),
      fileMode: Number(stats.mode & 0o7777n),
      uid: Number(stats.uid),
      gid: Number(stats.gid),
    });
  }
  return devices;
}

/** glibc's gnu_dev_major/gnu_dev_minor: 12-bit major and 20-bit minor split across dev_t. */
function deviceMajor(rdev: bigint): bigint {
  return ((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & 0xfffff000n);
}

function deviceMinor(rdev: bigint): bigint {
  return (rdev & 0xffn) | ((rdev >> 12n) & 0xffffff00n);
}
