import { describe, expect, it } from 'vitest';
import { buildRuntimeSpec } from '../../../../src/runtime/containers/spec/build-spec.js';
import { defaultCapabilities } from '../../../../src/runtime/containers/spec/capabilities.js';
import { runtimeSpecJson } from '../../../../src/runtime/containers/spec/spec-json.js';
import { berthErrorOf } from '../../../helpers/error-of.js';
import { specInput } from './spec-input.js';

describe('the spec of a plain container', () => {
  const spec = buildRuntimeSpec(specInput());

  it("runs the image's command as root with Docker's capabilities, none inheritable", () => {
    expect(spec.process.args).toEqual(['sh']);
    expect(spec.process.user).toEqual({ uid: 0, gid: 0, additionalGids: [0] });
    expect(spec.process.capabilities).toEqual({ bounding: defaultCapabilities, effective: defaultCapabilities, permitted: defaultCapabilities });
    expect(spec.process.cwd).toBe('/');
    expect(spec.process.terminal).toBeUndefined();
    expect(spec.process.noNewPrivileges).toBeUndefined();
    expect(spec.process.oomScoreAdj).toBe(0);
  });

  it('names itself after the first 12 characters of its id, in its environment too', () => {
    expect(spec.hostname).toBe('0123456789ab');
    expect(spec.process.env).toContain('HOSTNAME=0123456789ab');
  });

  it("has Docker's mounts, masked and read-only paths, device rules and network sysctls", () => {
    expect(spec.mounts.map((mount) => `${mount.destination} ${mount.type}`)).toEqual([
      '/proc proc', '/dev tmpfs', '/dev/pts devpts', '/sys sysfs', '/sys/fs/cgroup cgroup', '/dev/mqueue mqueue', '/dev/shm tmpfs',
    ]);
    expect(spec.mounts.find((mount) => mount.destination === '/dev/shm')?.options).toContain('size=67108864');
    expect(spec.linux.maskedPaths).toContain('/proc/kcore');
    expect(spec.linux.readonlyPaths).toContain('/proc/sys');
    expect(spec.linux.resources.devices[0]).toEqual({ allow: false, access: 'rwm' });
    expect(spec.linux.sysctl).toEqual({ 'net.ipv4.ping_group_range': '0 2147483647', 'net.ipv4.ip_unprivileged_port_start': '0' });
    expect(spec.linux.devices).toBeUndefined();
  });

  it('gets new namespaces but the host cgroup namespace, as Docker 20.10 on cgroup v1', () => {
    expect(spec.linux.namespaces).toEqual([{ type: 'mount' }, { type: 'network' }, { type: 'uts' }, { type: 'pid' }, { type: 'ipc' }]);
    expect(spec.linux.cgroupsPath).toBe('/berth/0123456789abcdef0123456789abcdef');
  });

  it('is confined by the seccomp profile for its capabilities and sets RLIMIT_NOFILE', () => {
    expect(spec.linux.seccomp).toEqual({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 38, architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'], syscalls: [{ names: ['read', 'write'], action: 'SCMP_ACT_ALLOW' }] });
    expect(spec.process.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', soft: 1048576n, hard: 1048576n }]);
  });
});

describe('the spec follows the container config', () => {
  it('runs a non-root user with its groups and home, with bounding capabilities only', () => {
    const spec = buildRuntimeSpec(specInput({ config: { User: 'app' }, user: { uid: 1000, gid: 1000, additionalGids: [1000, 10], home: '/home/app' } }));
    expect(spec.process.user).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 10] });
    expect(spec.process.capabilities).toEqual({ bounding: defaultCapabilities });
    expect(spec.process.env).toContain('HOME=/home/app');
  });

  it('adds capabilities to the seccomp rules they unlock', () => {
    const spec = buildRuntimeSpec(specInput({ hostConfig: { CapAdd: ['SYS_ADMIN'] } }));
    expect(spec.process.capabilities.bounding).toContain('CAP_SYS_ADMIN');
    expect(spec.linux.seccomp?.syscalls.map((rule) => rule.names[0])).toEqual(['read', 'mount']);
  });

  it('turns seccomp off with seccomp=unconfined, and takes an inline profile', () => {
    expect(buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: ['seccomp=unconfined'] } })).linux.seccomp).toBeUndefined();
    expect(buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: ['seccomp:unconfined'] } })).linux.seccomp).toBeUndefined();
    const inline = buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: [`seccomp=${JSON.stringify({ defaultAction: 'SCMP_ACT_LOG' })}`] } }));
    expect(inline.linux.seccomp).toEqual({ defaultAction: 'SCMP_ACT_LOG', syscalls: [] });
  });

  it('sets no_new_privs for no-new-privileges, no-new-privileges:true and =true, not for :false', () => {
    for (const option of ['no-new-privileges', 'no-new-privileges:true', 'no-new-privileges=true', 'no-new-privileges=1']) {
      expect(buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: [option] } })).process.noNewPrivileges, option).toBe(true);
    }
    expect(buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: ['no-new-privileges:false'] } })).process.noNewPrivileges).toBeUndefined();
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: ['no-new-privileges=maybe'] } }))).message).toBe('invalid security_opt: "no-new-privileges=maybe"');
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { SecurityOpt: ['seccomp'] } }))).code).toBe('CONTAINER_SECURITY_OPT_INVALID');
  });

  it('runs tini as PID 1 with init: true, mounted read-only at /sbin/docker-init', () => {
    const spec = buildRuntimeSpec(specInput({ config: { Cmd: ['sleep', '1'] }, hostConfig: { Init: true } }));
    expect(spec.process.args).toEqual(['/sbin/docker-init', '--', 'sleep', '1']);
    expect(spec.mounts.find((mount) => mount.destination === '/sbin/docker-init')).toEqual({ destination: '/sbin/docker-init', type: 'bind', source: '/usr/bin/tini-static', options: ['bind', 'ro'] });
    const hostPid = buildRuntimeSpec(specInput({ hostConfig: { Init: true, PidMode: 'host' } }));
    expect(hostPid.process.args).toEqual(['sh']);
  });

  it('gives a terminal and TERM with tty, hostname and domainname as set', () => {
    const spec = buildRuntimeSpec(specInput({ config: { Tty: true, Hostname: 'web', Domainname: 'example.org' } }));
    expect(spec.process.terminal).toBe(true);
    expect(spec.process.env).toEqual(expect.arrayContaining(['TERM=xterm', 'HOSTNAME=web']) as string[]);
    expect(spec.hostname).toBe('web');
    expect(spec.linux.sysctl['kernel.domainname']).toBe('example.org');
  });

  it('makes the root read-only with ReadonlyRootfs', () => {
    expect(buildRuntimeSpec(specInput({ hostConfig: { ReadonlyRootfs: true } })).root).toEqual({ path: '/var/lib/berth/containers/0123/rootfs', readonly: true });
  });

  it('sizes /dev/shm, drops it for ipc none and binds the host one for ipc host', () => {
    const shm = (spec: ReturnType<typeof buildRuntimeSpec>) => spec.mounts.filter((mount) => mount.destination === '/dev/shm');
    expect(shm(buildRuntimeSpec(specInput({ hostConfig: { ShmSize: 1 << 20 } })))[0]?.options).toContain('size=1048576');
    expect(shm(buildRuntimeSpec(specInput({ hostConfig: { IpcMode: 'none' } })))).toEqual([]);
    const host = buildRuntimeSpec(specInput({ hostConfig: { IpcMode: 'host' } }));
    expect(shm(host)).toEqual([{ destination: '/dev/shm', type: 'bind', source: '/dev/shm', options: ['rbind', 'rprivate'] }]);
    expect(host.linux.namespaces.map((namespace) => namespace.type)).not.toContain('ipc');
  });

  it('joins a network namespace by path, and keeps the host network without the network sysctls', () => {
    const joined = buildRuntimeSpec(specInput({ namespaces: { network: { path: '/run/berth/netns/abc' } } }));
    expect(joined.linux.namespaces).toContainEqual({ type: 'network', path: '/run/berth/netns/abc' });
    expect(joined.linux.sysctl['net.ipv4.ip_unprivileged_port_start']).toBe('0');
    const host = buildRuntimeSpec(specInput({ hostConfig: { NetworkMode: 'host' } }));
    expect(host.linux.namespaces.map((namespace) => namespace.type)).toEqual(['mount', 'uts', 'pid', 'ipc']);
    expect(host.linux.sysctl).toEqual({});
    const shared = buildRuntimeSpec(specInput({ namespaces: { network: { path: '/proc/42/ns/net', shared: true } } }));
    expect(shared.linux.sysctl).toEqual({});
  });

  it('leaves the hostname to the host with uts: host, and adds a cgroup namespace when asked', () => {
    expect(buildRuntimeSpec(specInput({ hostConfig: { UTSMode: 'host' } })).hostname).toBeUndefined();
    expect(buildRuntimeSpec(specInput({ hostConfig: { CgroupnsMode: 'private' } })).linux.namespaces.at(-1)).toEqual({ type: 'cgroup' });
  });

  it('lets sysctls through only for namespaces the container owns', () => {
    expect(buildRuntimeSpec(specInput({ hostConfig: { Sysctls: { 'net.core.somaxconn': '1024', 'kernel.shmmax': '1', 'fs.mqueue.msg_max': '20' } } })).linux.sysctl).toMatchObject({ 'net.core.somaxconn': '1024', 'kernel.shmmax': '1' });
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { Sysctls: { 'vm.swappiness': '10' } } }))).message).toBe(
      'sysctl vm.swappiness is not allowed: it is not in a kernel namespace of the container, so it would change the host',
    );
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { NetworkMode: 'host', Sysctls: { 'net.core.somaxconn': '1' } } }))).code).toBe('CONTAINER_SYSCTL_NOT_ALLOWED');
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { IpcMode: 'host', Sysctls: { 'kernel.shmmax': '1' } } }))).code).toBe('CONTAINER_SYSCTL_NOT_ALLOWED');
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { Sysctls: { 'kernel.hostname': 'x' } } }))).code).toBe('CONTAINER_SYSCTL_NOT_ALLOWED');
  });

  it('refuses a relative working directory and cleans an absolute one', () => {
    expect(buildRuntimeSpec(specInput({ config: { WorkingDir: '/app/' } })).process.cwd).toBe('/app');
    expect(buildRuntimeSpec(specInput({ image: { Cmd: ['sh'], WorkingDir: '/srv' } })).process.cwd).toBe('/srv');
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ config: { WorkingDir: 'app' } }))).message).toBe('the working directory "app" is invalid: it needs to be an absolute path');
  });

  it('refuses devices, which it cannot map yet', () => {
    expect(berthErrorOf(() => buildRuntimeSpec(specInput({ hostConfig: { Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }] } }))).code).toBe('CONTAINER_DEVICES_UNSUPPORTED');
  });
});

describe('a privileged container', () => {
  const device = { path: '/dev/loop0', type: 'b' as const, major: 7, minor: 0, fileMode: 0o660, uid: 0, gid: 6 };
  const spec = buildRuntimeSpec(specInput({ hostConfig: { Privileged: true, ReadonlyRootfs: true }, hostDevices: [device] }));

  it('has every capability, no seccomp, no masked or read-only paths, and writable /sys and cgroups', () => {
    expect(spec.process.capabilities.effective).toHaveLength(41);
    expect(spec.linux.seccomp).toBeUndefined();
    expect(spec.linux.maskedPaths).toBeUndefined();
    expect(spec.linux.readonlyPaths).toBeUndefined();
    expect(spec.mounts.find((mount) => mount.destination === '/sys')?.options).not.toContain('ro');
    expect(spec.mounts.find((mount) => mount.destination === '/sys/fs/cgroup')?.options).not.toContain('ro');
  });

  it("gets the host's devices and may use any device", () => {
    expect(spec.linux.devices).toEqual([device]);
    expect(spec.linux.resources.devices).toEqual([{ allow: true, access: 'rwm' }]);
  });
});

describe('config.json text', () => {
  it('writes rlimits as exact integers, RLIM_INFINITY included', () => {
    const spec = buildRuntimeSpec(specInput({ hostConfig: { Ulimits: [{ Name: 'memlock', Soft: -1, Hard: -1 }] } }));
    const text = runtimeSpecJson(spec);
    expect(text).toContain('{"type":"RLIMIT_MEMLOCK","hard":18446744073709551615,"soft":18446744073709551615}');
    expect(text).toContain('{"type":"RLIMIT_NOFILE","hard":1048576,"soft":1048576}');
    expect(JSON.parse(text)).toMatchObject({ ociVersion: '1.0.2-dev', process: { args: ['sh'] } });
  });
});
