import type { DeviceRuleSpec, MountSpec } from './oci-types.js';

/**
 * Docker's default spec (moby oci/defaults.go), as dockerd 20.10 hands it to runc: checked
 * against the config.json Docker's engine wrote for a busybox container on this kind of host.
 */

/** The filesystems every container gets, in Docker's order. /dev/shm's size is added per container. */
export function defaultMounts(shmSizeBytes: number): MountSpec[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shmSizeBytes}`] },
  ];
}

/** Docker's default /dev/shm size (`shm_size`). */
export const defaultShmSizeBytes = 64 * 1024 * 1024;

/**
 * Paths covered so the container cannot read them: Docker 20.10's list plus /proc/interrupts and
 * /sys/devices/virtual/powercap, which later Docker releases mask too (powercap's energy counters
 * leak what other processes compute, CVE-2020-8694).
 */
export const maskedPaths: readonly string[] = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];

/** Paths remounted read-only inside the container. */
export const readonlyPaths: readonly string[] = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/**
 * The device cgroup rules of an unprivileged container: deny everything, allow the character
 * devices every program expects, and deny /dev/fuse. runc adds its own defaults after these
 * (full, ptmx, pts, tun and mknod of any device), as it does for Docker.
 */
export const defaultDeviceRules: readonly DeviceRuleSpec[] = [
  { allow: false, access: 'rwm' },
  { allow: true, type: 'c', major: 1, minor: 5, access: 'rwm' }, // /dev/zero
  { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' }, // /dev/null
  { allow: true, type: 'c', major: 1, minor: 9, access: 'rwm' }, // /dev/urandom
  { allow: true, type: 'c', major: 1, minor: 8, access: 'rwm' }, // /dev/random
  { allow: true, type: 'c', major: 5, minor: 0, access: 'rwm' }, // /dev/tty
  { allow: true, type: 'c', major: 5, minor: 1, access: 'rwm' }, // /dev/console
  { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' }, // /dev/fuse
];

/** Where Docker puts the init binary inside a container with `init: true`. */
export const initPathInContainer = '/sbin/docker-init';

/** Debian's statically linked tini, what berth bind-mounts there. */
export const defaultInitBinary = '/usr/bin/tini-static';
