import { describe, expect, it } from 'vitest';
import { layOutMounts } from '../../../../src/runtime/containers/spec/container-mounts.js';
import { defaultMounts } from '../../../../src/runtime/containers/spec/docker-defaults.js';
import { tmpfsData, tmpfsMountOptions, tmpfsMounts } from '../../../../src/runtime/containers/spec/tmpfs-options.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

const defaults = defaultMounts(64 * 1024 * 1024);
const destinations = (mounts: { destination: string }[]): string[] => mounts.map((mount) => mount.destination);

describe('tmpfs options', () => {
  it("gives Docker's defaults, and lets a later option for the same flag win in its place", () => {
    expect(tmpfsMountOptions('/run', '')).toEqual(['noexec', 'nosuid', 'nodev', 'rprivate']);
    // What dockerd 20.10 wrote for `Tmpfs: {"/run": "size=64m,exec"}`.
    expect(tmpfsMountOptions('/run', 'size=64m,exec')).toEqual(['nosuid', 'nodev', 'rprivate', 'size=64m', 'exec']);
    expect(tmpfsMountOptions('/run', 'size=1m,size=2m,shared')).toEqual(['noexec', 'nosuid', 'nodev', 'size=2m', 'shared']);
  });

  it('turns TmpfsOptions into the data string Docker makes', () => {
    // What dockerd 20.10 wrote for `Mounts: [{Type: tmpfs, TmpfsOptions: {SizeBytes: 3 MiB, Mode: 0700}}]`.
    expect(tmpfsMountOptions('/t2', tmpfsData({ SizeBytes: 3 << 20, Mode: 0o700 }, false))).toEqual(['noexec', 'nosuid', 'nodev', 'rprivate', 'mode=700', 'size=3m']);
    expect(tmpfsData({ SizeBytes: 3072 }, true)).toBe('ro,size=3k');
    expect(tmpfsData({ SizeBytes: 1000 }, false)).toBe('size=1000');
    expect(tmpfsData({ SizeBytes: 2 * 2 ** 30 }, false)).toBe('size=2g');
  });

  it('reads the tmpfs mounts of a HostConfig, from Tmpfs in path order and from Mounts', () => {
    expect(tmpfsMounts({ Tmpfs: { '/run': 'size=64m', '/a': '' }, Mounts: [{ Type: 'tmpfs', Target: '/t', ReadOnly: true, TmpfsOptions: { Mode: 0o1777 } }, { Type: 'volume', Target: '/v', Source: 'v' }] })).toEqual([
      { type: 'tmpfs', destination: '/a', data: '' },
      { type: 'tmpfs', destination: '/run', data: 'size=64m' },
      { type: 'tmpfs', destination: '/t', data: 'ro,mode=1777' },
    ]);
  });

  it('refuses an option tmpfs does not take, naming it and the mount', () => {
    expect(berthErrorOf(() => tmpfsMountOptions('/run', 'size=1m,bogus')).message).toBe('invalid tmpfs option "bogus" for /run');
    expect(berthErrorOf(() => tmpfsMountOptions('/run', 'color=red')).code).toBe('CONTAINER_TMPFS_OPTION_INVALID');
  });
});

describe('mount layout', () => {
  it('puts the defaults first, then container mounts parents first, keeping the given order at one depth', () => {
    const layout = layOutMounts(defaults, [
      { type: 'tmpfs', destination: '/a/b/c' },
      { type: 'bind', source: '/srv/data', destination: '/data', readOnly: true, propagation: 'rprivate' },
      { type: 'bind', source: '/srv/a', destination: '/a' },
      { type: 'bind', source: '/run/x/hosts', destination: '/etc/hosts', propagation: 'rprivate' },
    ], false);
    expect(destinations(layout.mounts)).toEqual([...destinations(defaults), '/data', '/a', '/etc/hosts', '/a/b/c']);
    expect(layout.mounts.find((mount) => mount.destination === '/data')).toEqual({ destination: '/data', type: 'bind', source: '/srv/data', options: ['rbind', 'ro', 'rprivate'] });
    expect(layout.mounts.find((mount) => mount.destination === '/a')?.options).toEqual(['rbind']);
    expect(layout.rootfsPropagation).toBeUndefined();
  });

  it('lets a container mount replace a default, and a /dev mount replace everything under /dev', () => {
    const shm = layOutMounts(defaults, [{ type: 'bind', source: '/dev/shm', destination: '/dev/shm/' }], false);
    expect(shm.mounts.filter((mount) => mount.destination === '/dev/shm')).toEqual([{ destination: '/dev/shm', type: 'bind', source: '/dev/shm', options: ['rbind'] }]);
    const dev = layOutMounts(defaults, [{ type: 'bind', source: '/dev', destination: '/dev' }], false);
    expect(destinations(dev.mounts)).toEqual(['/proc', '/sys', '/sys/fs/cgroup', '/dev']);
  });

  it('makes default mounts read-only with a read-only root, except /proc and /dev', () => {
    const layout = layOutMounts([...defaults, { destination: '/sbin/docker-init', type: 'bind', source: '/usr/bin/tini-static', options: ['bind'] }], [{ type: 'tmpfs', destination: '/tmp' }], true);
    const readOnly = layout.mounts.filter((mount) => mount.options.includes('ro')).map((mount) => mount.destination);
    expect(readOnly).toEqual(['/sys', '/sys/fs/cgroup', '/sbin/docker-init']);
  });

  it('raises the root propagation for shared and slave binds', () => {
    expect(layOutMounts(defaults, [{ type: 'bind', source: '/mnt', destination: '/mnt', propagation: 'rshared' }], false).rootfsPropagation).toBe('shared');
    expect(layOutMounts(defaults, [{ type: 'bind', source: '/mnt', destination: '/mnt', propagation: 'rslave' }], false).rootfsPropagation).toBe('rslave');
    expect(layOutMounts(defaults, [
      { type: 'bind', source: '/a', destination: '/a', propagation: 'shared' },
      { type: 'bind', source: '/b', destination: '/b', propagation: 'slave' },
    ], false).rootfsPropagation).toBe('shared');
  });

  it('refuses relative, root and duplicate targets', () => {
    expect(berthErrorOf(() => layOutMounts(defaults, [{ type: 'tmpfs', destination: 'data' }], false)).message).toBe('invalid mount target "data": it must be an absolute path');
    expect(berthErrorOf(() => layOutMounts(defaults, [{ type: 'tmpfs', destination: '/' }], false)).code).toBe('CONTAINER_MOUNT_DESTINATION_INVALID');
    expect(berthErrorOf(() => layOutMounts(defaults, [{ type: 'tmpfs', destination: '/x' }, { type: 'bind', source: '/y', destination: '/x/' }], false)).message).toBe(
      'duplicate mount point: /x is the target of two mounts',
    );
  });
});
