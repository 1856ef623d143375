import { describeAsRoot } from '../../../harness/root.js';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHostFacts, type HostFacts } from '../../../../src/runtime/containers/spec/index.js';
import { capabilitiesFromMask } from '../../../../src/runtime/containers/spec/capabilities.js';
import { maskedPaths } from '../../../../src/runtime/containers/spec/docker-defaults.js';
import { hostDevices } from '../../../../src/runtime/containers/spec/host-devices.js';
import { runInLab, shell, statusFields, statusScript, usersTarball } from './lab-containers.js';
import { useRuncLab } from './runc-lab.js';

/** CapEff of Docker's default set (what `docker run busybox` shows in /proc/self/status). */
const dockerDefaultCaps = '00000000a80425fb';

describeAsRoot('specs run by runc', () => {
  const lab = useRuncLab();
  let host: HostFacts;
  beforeAll(async () => {
    host = await readHostFacts();
  });
  const run = (container: Parameters<typeof runInLab>[2]) => runInLab(lab(), host, container);

  describe('privileges', () => {
    it("gives root Docker's capabilities, none inheritable or ambient, under seccomp", async () => {
      const result = await run({ config: shell(statusScript) });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(statusFields(result.stdout)).toEqual({
        CapInh: '0000000000000000', CapPrm: dockerDefaultCaps, CapEff: dockerDefaultCaps, CapBnd: dockerDefaultCaps, CapAmb: '0000000000000000', NoNewPrivs: '0', Seccomp: '2',
      });
    });

    it('sets NoNewPrivs with security_opt no-new-privileges', async () => {
      for (const option of ['no-new-privileges', 'no-new-privileges:true']) {
        const result = await run({ config: shell(statusScript), hostConfig: { SecurityOpt: [option] } });
        expect(statusFields(result.stdout).NoNewPrivs, option).toBe('1');
      }
    });

    it('leaves a non-root user no effective capabilities but the same bounding set', async () => {
      const fields = statusFields((await run({ config: { ...shell(statusScript), User: 'nobody' } })).stdout);
      expect(fields).toMatchObject({ CapEff: '0000000000000000', CapPrm: '0000000000000000', CapBnd: dockerDefaultCaps });
    });

    it('adds and drops capabilities', async () => {
      const fields = statusFields((await run({ config: shell(statusScript), hostConfig: { CapAdd: ['SYS_ADMIN'], CapDrop: ['NET_RAW'] } })).stdout);
      const caps = capabilitiesFromMask(fields.CapEff ?? '');
      expect(caps.has('CAP_SYS_ADMIN')).toBe(true);
      expect(caps.has('CAP_NET_RAW')).toBe(false);
    });

    it('blocks swapon through seccomp even with CAP_SYS_ADMIN, and lets the kernel answer when unconfined', async () => {
      // Not a swap file: the kernel says EINVAL; the profile stops the call first with EPERM.
      const confined = await run({ config: shell('swapon /etc/passwd'), hostConfig: { CapAdd: ['SYS_ADMIN'] } });
      expect(confined.stderr).toBe('swapon: /etc/passwd: Operation not permitted\n');
      const unconfined = await run({ config: shell('swapon /etc/passwd'), hostConfig: { CapAdd: ['SYS_ADMIN'], SecurityOpt: ['seccomp=unconfined'] } });
      expect(unconfined.stderr).toBe('swapon: /etc/passwd: Invalid argument\n');
    });

    it("gives a privileged container every capability the engine holds, no seccomp, a writable /sys and the host's devices", async () => {
      // A host device no unprivileged container has, such as /dev/kmsg or /dev/loop0.
      const device = (await hostDevices()).find((candidate) => !['/dev/null', '/dev/zero', '/dev/full', '/dev/random', '/dev/urandom', '/dev/tty'].includes(candidate.path));
      expect(device).toBeDefined();
      const result = await run({ config: shell(`${statusScript}; grep ' /sys sysfs ' /proc/mounts; ls ${device?.path}`), hostConfig: { Privileged: true } });
      expect(result.exitCode, result.stderr).toBe(0);
      const engineBounding = /^CapBnd:\s*(\w+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      expect(statusFields(result.stdout)).toMatchObject({ CapEff: engineBounding, CapBnd: engineBounding, Seccomp: '0' });
      expect(result.stdout).toMatch(/ \/sys sysfs rw,/);
      expect(result.stdout).toContain(`${device?.path}\n`);
    });
  });

  describe('what the container can see and write', () => {
    it('reads nothing from /proc/kcore and the other masked paths this kernel has', async () => {
      // This host's kernel may lack some (a VM kernel without /proc/kcore); those the host shows must read empty.
      const present = maskedPaths.filter((path) => existsSync(path));
      expect(present).toContain('/sys/firmware');
      const script = present.map((path) => (statSync(path).isDirectory() ? `echo ${path} $(ls -A ${path} | wc -l)` : `echo ${path} $(wc -c < ${path})`)).join('; ');
      const result = await run({ config: shell(script) });
      expect(result.stdout).toBe(present.map((path) => `${path} 0\n`).join(''));
    });

    it('cannot write /proc/sys, /sys or its cgroups', async () => {
      const result = await run({ config: shell('echo 1 > /proc/sys/kernel/panic; touch /sys/kernel/berth; mkdir /sys/fs/cgroup/memory/berth') });
      expect(result.stderr.match(/Read-only file system/g)).toHaveLength(3);
    });

    it('cannot write a read-only root, but can write its tmpfs', async () => {
      const result = await run({
        config: shell('touch /berth 2>&1; touch /tmp/berth && echo tmp-ok'),
        hostConfig: { ReadonlyRootfs: true },
        mounts: [{ type: 'tmpfs', destination: '/tmp', data: '' }],
      });
      expect(result.stdout).toContain('Read-only file system');
      expect(result.stdout).toContain('tmp-ok');
    });

    it('mounts tmpfs with Docker options: noexec unless asked, sized as asked', async () => {
      const result = await run({
        config: shell("grep -E ' /(run|scratch) ' /proc/mounts; cp /bin/busybox /scratch/busybox; /scratch/busybox true || echo scratch-noexec; cp /bin/busybox /run/busybox; /run/busybox true && echo run-exec"),
        mounts: [
          { type: 'tmpfs', destination: '/run', data: 'size=64m,exec' },
          { type: 'tmpfs', destination: '/scratch', data: 'size=8m' },
        ],
      });
      expect(result.stdout).toMatch(/^tmpfs \/run tmpfs rw,nosuid,nodev,relatime,size=65536k/m);
      expect(result.stdout).toMatch(/^tmpfs \/scratch tmpfs rw,nosuid,nodev,noexec,relatime,size=8192k/m);
      expect(result.stdout).toContain('scratch-noexec');
      expect(result.stdout).toContain('run-exec');
    });

    it('binds a host directory read-only', async () => {
      const directory = lab().directory();
      writeFileSync(join(directory, 'hello'), 'from the host\n');
      const result = await run({
        config: shell('cat /data/hello; touch /data/x 2>&1'),
        mounts: [{ type: 'bind', source: directory, destination: '/data', readOnly: true, propagation: 'rprivate' }],
      });
      expect(result.stdout).toContain('from the host');
      expect(result.stdout).toContain('Read-only file system');
    });
  });

  describe('the process', () => {
    it('has RLIMIT_NOFILE set explicitly, or as the ulimits say', async () => {
      // Docker's 1048576, or the engine's own hard limit when it is lower and the engine cannot raise it (this sandbox: 20000).
      const engineHard = host.engineHardLimits.get('RLIMIT_NOFILE') ?? 1048576n;
      const expected = host.canRaiseLimits || engineHard >= 1048576n ? 1048576n : engineHard;
      expect((await run({ config: shell('ulimit -n; ulimit -Hn') })).stdout).toBe(`${expected}\n${expected}\n`);
      expect((await run({ config: shell('ulimit -n; ulimit -Hn'), hostConfig: { Ulimits: [{ Name: 'nofile', Soft: 1000, Hard: 2000 }] } })).stdout).toBe('1000\n2000\n');
    });

    it('has the hostname, domain name and environment Docker gives', async () => {
      const result = await run({ config: { ...shell('hostname; cat /proc/sys/kernel/domainname; env | sort'), Hostname: 'web', Domainname: 'example.org', Env: ['GREETING=hi'] } });
      expect(result.stdout.split('\n')).toEqual(['web', 'example.org', 'GREETING=hi', 'HOME=/root', 'HOSTNAME=web', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PWD=/', 'SHLVL=1', '']);
    });

    it('runs as the user and groups `id` shows under Docker for the same image', async () => {
      const tarball = usersTarball(lab().directory());
      const id = async (user: string, groupAdd: string[] = []) => (await run({ config: { ...shell('id; echo $HOME'), User: user }, hostConfig: { GroupAdd: groupAdd }, tarball })).stdout;
      expect(await id('app', ['extra', '7'])).toBe('uid=1000(app) gid=1000(app) groups=7,10(wheel),1000(app),2000(extra),3000(other)\n/home/app\n');
      expect(await id('app:extra')).toBe('uid=1000(app) gid=2000(extra) groups=2000(extra)\n/home/app\n');
      expect(await id('4000:5000')).toBe('uid=4000 gid=5000 groups=5000\n/\n');
      expect(await id('')).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel),3000(other)\n/root\n');
    });

    it('runs tini as PID 1 with init: true, the command as its child', async () => {
      const script = "tr '\\0' ' ' < /proc/1/cmdline; echo; cut -d' ' -f4 /proc/$$/stat";
      const result = await run({ config: shell(script), hostConfig: { Init: true } });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toBe(`/sbin/docker-init -- sh -c ${script} \n1\n`); // the shell's parent is PID 1
    });
  });

  describe('limits', () => {
    it('kills a process that outgrows its memory limit, and lets it finish with room', async () => {
      const grow = { Cmd: ['dd', 'if=/dev/zero', 'of=/dev/null', 'bs=64M', 'count=1'] };
      const killed = await run({ config: grow, hostConfig: { Memory: 32 << 20, MemorySwap: 32 << 20 } });
      expect(killed.exitCode).toBe(137);
      const roomy = await run({ config: grow, hostConfig: { Memory: 256 << 20 } });
      expect(roomy.exitCode, roomy.stderr).toBe(0);
    });

    it('refuses forks beyond the pids limit', async () => {
      const result = await run({ config: shell('for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 30 & done; wait'), hostConfig: { PidsLimit: 6 } });
      expect(result.stderr).toContain("can't fork");
    });

    it('shows its CPU quota and memory limit in its own cgroup', async () => {
      const result = await run({ config: shell('cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us /sys/fs/cgroup/memory/memory.limit_in_bytes'), hostConfig: { NanoCpus: 500_000_000, Memory: 64 << 20 } });
      expect(result.stdout).toBe('50000\n100000\n67108864\n');
    });
  });
});
