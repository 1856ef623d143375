import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveUser, resolveUserFrom } from '../../../../src/runtime/containers/spec/resolve-user.js';
import { resolveInRoot } from '../../../../src/runtime/paths/index.js';
import { BerthError } from '../../../../src/errors/index.js';
import { berthErrorOf } from '../../../helpers/error-of.js';
import { usersGroup, usersPasswd } from './account-fixture.js';

const files = { passwd: usersPasswd, group: usersGroup };

/** [user, group_add, uid, gid, the groups /proc/self/status listed under Docker (sorted), HOME]. */
const dockerTable: [string, string[], number, number, number[], string][] = [
  ['', [], 0, 0, [0, 10, 3000], '/root'],
  ['root', [], 0, 0, [0, 10, 3000], '/root'],
  ['0', [], 0, 0, [0, 10, 3000], '/root'],
  ['app', [], 1000, 1000, [10, 1000, 2000, 3000], '/home/app'],
  ['1000', [], 1000, 1000, [10, 1000, 2000, 3000], '/home/app'],
  ['app:extra', [], 1000, 2000, [2000], '/home/app'],
  ['app:3000', [], 1000, 3000, [3000], '/home/app'],
  ['4000', [], 4000, 0, [0], '/'],
  ['4000:5000', [], 4000, 5000, [5000], '/'],
  ['app', ['extra', '7', 'wheel', '2000'], 1000, 1000, [7, 10, 1000, 2000, 3000], '/home/app'],
  ['nogroup', [], 1500, 1600, [1600], '/x'],
  ['toor', [], 0, 0, [0], '/root'],
  ['root:', [], 0, 0, [0, 10, 3000], '/root'],
  [':10', [], 0, 10, [10], '/root'],
];

describe("user resolution, Docker's table", () => {
  it.each(dockerTable)('user %j with group_add %j', (user, groupAdd, uid, gid, groups, home) => {
    const resolved = resolveUserFrom(files, user, groupAdd);
    expect({ uid: resolved.uid, gid: resolved.gid, home: resolved.home }).toEqual({ uid, gid, home });
    expect([...resolved.additionalGids].sort((a, b) => a - b)).toEqual(groups);
    expect(resolved.additionalGids[0]).toBe(gid);
  });

  it('refuses a user name the image does not define, saying a numeric uid needs no entry', () => {
    const error = berthErrorOf(() => resolveUserFrom(files, 'nosuch', []));
    expect(error).toMatchObject({ code: 'CONTAINER_USER_NOT_FOUND', kind: 'usage', message: "unable to find user nosuch: no matching entries in the image's /etc/passwd" });
    expect(error.hint).toContain('numeric uid');
  });

  it('refuses a group name in user: or group_add: that the image does not define', () => {
    expect(berthErrorOf(() => resolveUserFrom(files, 'app:nosuch', [])).message).toBe("unable to find group nosuch: no matching entries in the image's /etc/group");
    expect(berthErrorOf(() => resolveUserFrom(files, '', ['nosuch'])).message).toBe("unable to find group nosuch (in group_add): no matching entries in the image's /etc/group");
  });

  it('refuses ids out of range', () => {
    expect(berthErrorOf(() => resolveUserFrom(files, '-1', [])).code).toBe('CONTAINER_ID_RANGE');
    expect(berthErrorOf(() => resolveUserFrom(files, '1:2147483648', [])).code).toBe('CONTAINER_ID_RANGE');
  });

  it('allows numeric ids in an image without /etc/passwd or /etc/group, and names nothing', () => {
    expect(resolveUserFrom({ passwd: null, group: null }, '1000:1000', ['5'])).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 5], home: '/' });
    expect(resolveUserFrom({ passwd: null, group: null }, '', [])).toEqual({ uid: 0, gid: 0, additionalGids: [0], home: '/' });
    expect(berthErrorOf(() => resolveUserFrom({ passwd: null, group: null }, 'app', [])).code).toBe('CONTAINER_USER_NOT_FOUND');
  });

  it('lists a group named twice in group_add once', () => {
    expect(resolveUserFrom(files, 'nobody', ['wheel', '10', 'wheel']).additionalGids).toEqual([65534, 10]);
  });
});

describe('reading the accounts from a root filesystem', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  /** A temp dir holding `rootfs/` (the container's root) beside `host/` (stand-ins for host files). */
  function place(): { rootfs: string; host: string } {
    const base = mkdtempSync(join(tmpdir(), 'berth-user-'));
    roots.push(base);
    const rootfs = join(base, 'rootfs');
    const host = join(base, 'host');
    mkdirSync(join(rootfs, 'etc'), { recursive: true });
    mkdirSync(host);
    writeFileSync(join(host, 'passwd'), 'hostonly:x:4242:4242::/host-secret:/bin/sh\n');
    return { rootfs, host };
  }

  it('reads /etc/passwd and /etc/group inside the root filesystem', async () => {
    const { rootfs } = place();
    writeFileSync(join(rootfs, 'etc/passwd'), usersPasswd);
    writeFileSync(join(rootfs, 'etc/group'), usersGroup);
    expect(await resolveUser(rootfs, 'app', ['7'])).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 10, 2000, 3000, 7], home: '/home/app' });
  });

  it('follows an absolute /etc/passwd symlink inside the root, never to the host file', async () => {
    const { rootfs, host } = place();
    symlinkSync(join(host, 'passwd'), join(rootfs, 'etc/passwd')); // the host path, read as a path inside the root
    await expect(resolveUser(rootfs, 'hostonly')).rejects.toMatchObject({ code: 'CONTAINER_USER_NOT_FOUND' });
    mkdirSync(join(rootfs, host), { recursive: true });
    writeFileSync(join(rootfs, host, 'passwd'), 'inside:x:7:7::/in:/bin/sh\n');
    expect(await resolveUser(rootfs, 'inside')).toMatchObject({ uid: 7, home: '/in' });
  });

  it('stops a relative symlink climbing out with .. at the root', async () => {
    const { rootfs } = place();
    symlinkSync('../../../../../../../../host/passwd', join(rootfs, 'etc/passwd'));
    await expect(resolveUser(rootfs, 'hostonly')).rejects.toMatchObject({ code: 'CONTAINER_USER_NOT_FOUND' });
    mkdirSync(join(rootfs, 'host'));
    writeFileSync(join(rootfs, 'host/passwd'), 'inside:x:8:8::/in:/bin/sh\n');
    expect(await resolveUser(rootfs, 'inside')).toMatchObject({ uid: 8 });
  });

  it('keeps a path through a missing directory and back out with .. inside the root', async () => {
    const { rootfs } = place();
    mkdirSync(join(rootfs, 'real'));
    symlinkSync('/real', join(rootfs, 'link'));
    expect(await resolveInRoot(rootfs, '/missing/../../../../host/passwd')).toBe(join(rootfs, 'host/passwd'));
    expect(await resolveInRoot(rootfs, '/missing/../link/x')).toBe(join(rootfs, 'real/x'));
  });

  it('resolves a symlinked /etc directory inside the root', async () => {
    const { rootfs, host } = place();
    rmSync(join(rootfs, 'etc'), { recursive: true });
    symlinkSync(host, join(rootfs, 'etc')); // /etc -> <host dir>, which must mean <rootfs>/<host dir>
    await expect(resolveUser(rootfs, 'hostonly')).rejects.toMatchObject({ code: 'CONTAINER_USER_NOT_FOUND' });
  });

  it('refuses a symlink loop with a clear error instead of hanging', async () => {
    const { rootfs } = place();
    symlinkSync('/etc/passwd', join(rootfs, 'etc/passwd'));
    const error = await resolveUser(rootfs, 'root').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'CONTAINER_PATH_LOOP', message: "/etc/passwd in the container's root filesystem has too many levels of symbolic links" });
  });

  it('refuses a FIFO or a device at /etc/passwd without blocking on it', async () => {
    const { rootfs } = place();
    execFileSync('mkfifo', [join(rootfs, 'etc/passwd')]);
    await expect(resolveUser(rootfs, 'root')).rejects.toMatchObject({ code: 'CONTAINER_FILE_NOT_REGULAR' });
    rmSync(join(rootfs, 'etc/passwd'));
    symlinkSync('/dev/zero', join(rootfs, 'etc/passwd'));
    mkdirSync(join(rootfs, 'dev'));
    execFileSync('mknod', [join(rootfs, 'dev/zero'), 'c', '1', '5']);
    await expect(resolveUser(rootfs, 'root')).rejects.toMatchObject({ code: 'CONTAINER_FILE_NOT_REGULAR' });
  });
});
