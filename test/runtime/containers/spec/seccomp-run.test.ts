import { describeAsRoot } from '../../../harness/root.js';
import { beforeAll, expect, it } from 'vitest';
import { readHostFacts, type HostFacts } from '../../../../src/runtime/containers/spec/index.js';
import { runInLab, shell, type LabContainer } from './lab-containers.js';
import { useRuncLab } from './runc-lab.js';

/**
 * What the default seccomp profile refuses in a running container, told apart from what the
 * kernel refuses by running the same command unconfined (or with the capability Docker's profile
 * asks for). Each of these was allowed by containers-common's profile before berth made it Docker's.
 */
describeAsRoot('the default seccomp profile under runc', () => {
  const lab = useRuncLab();
  let host: HostFacts;
  beforeAll(async () => {
    host = await readHostFacts();
  });
  const run = (container: LabContainer) => runInLab(lab(), host, container);

  it('refuses a new user namespace without CAP_SYS_ADMIN, which the kernel itself allows', async () => {
    const confined = await run({ config: shell('unshare --user true') });
    expect(confined.stderr).toBe('unshare: unshare(0x10000000): Operation not permitted\n');
    const unconfined = await run({ config: shell('unshare --user true'), hostConfig: { SecurityOpt: ['seccomp=unconfined'] } });
    expect(unconfined.exitCode, unconfined.stderr).toBe(0);
    const admin = await run({ config: shell('unshare --user true'), hostConfig: { CapAdd: ['SYS_ADMIN'] } });
    expect(admin.exitCode, admin.stderr).toBe(0);
  });

  it('refuses pivot_root even with CAP_SYS_ADMIN, where the kernel would answer for itself', async () => {
    // /tmp is not a mount point of its own, which the kernel refuses with EBUSY; Docker's profile has no rule for pivot_root at all.
    const script = 'mkdir /tmp/old && pivot_root /tmp /tmp/old';
    const confined = await run({ config: shell(script), hostConfig: { CapAdd: ['SYS_ADMIN'] } });
    expect(confined.stderr).toBe('pivot_root: (null): Operation not permitted\n');
    const unconfined = await run({ config: shell(script), hostConfig: { CapAdd: ['SYS_ADMIN'], SecurityOpt: ['seccomp=unconfined'] } });
    expect(unconfined.stderr).toBe('pivot_root: (null): Device or resource busy\n');
  });

  it('cannot load a kernel module or mount a file system (EPERM, from the profile and the kernel alike)', async () => {
    const result = await run({ config: shell('insmod /bin/busybox; mkdir /tmp/m; mount -t tmpfs tmpfs /tmp/m') });
    expect(result.stderr.split('\n')).toEqual([
      "insmod: can't insert '/bin/busybox': Operation not permitted",
      // busybox's words for EPERM.
      'mount: permission denied (are you root?)',
      '',
    ]);
  });
});
