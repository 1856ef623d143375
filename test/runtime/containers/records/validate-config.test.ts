import { describe, expect, it } from 'vitest';
import type { ContainerConfig, HostConfig } from '../../../../src/api/types/containers.js';
import { BerthError } from '../../../../src/errors/index.js';
import { validateContainerConfig, type ValidationHost } from '../../../../src/runtime/containers/records/index.js';

const machine: ValidationHost = { cpus: 2, pathExists: (path) => path.startsWith('/exists') };

function problem(config: ContainerConfig, host: HostConfig = {}): BerthError | undefined {
  try {
    validateContainerConfig(config, host, machine);
    return undefined;
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
}

/** [what, Config, HostConfig, the message: field, value, Docker's words; a word of the fix]. */
const refused: Array<[string, ContainerConfig, HostConfig, string, string]> = [
  ['an unknown bind option', {}, { Binds: ['/a:/b:rx'] }, 'HostConfig.Binds[0] "/a:/b:rx": invalid mode: rx', 'ro or rw'],
  ['two propagations', {}, { Binds: ['/a:/b:shared,slave'] }, 'HostConfig.Binds[0] "/a:/b:shared,slave": invalid mode: shared,slave', 'at most one of each'],
  ['a bind with options and no source', {}, { Binds: ['/data:ro'] }, `HostConfig.Binds[0] "/data:ro": invalid volume specification: '/data:ro': options need a source too`, 'SOURCE'],
  ['four parts', {}, { Binds: ['/a:/b:ro:x'] }, `invalid volume specification: '/a:/b:ro:x'`, 'SOURCE'],
  ['a relative destination', {}, { Binds: ['/x:rel'] }, `HostConfig.Binds[0] "/x:rel": invalid mount path: 'rel' mount path must be absolute`, '/rel'],
  ['the root as destination', {}, { Binds: ['/x:/'] }, `HostConfig.Binds[0] "/x:/": invalid specification: destination can't be '/'`, 'below the root'],
  ['a destination climbing with ..', {}, { Binds: ['/x:/data/../etc'] }, `HostConfig.Binds[0] "/x:/data/../etc": the mount path '/data/../etc' contains ".."`, '/etc'],
  ['a volume name with a bad character', {}, { Binds: ['b@d:/b'] }, 'HostConfig.Binds[0] "b@d:/b": create b@d: "b@d" includes invalid characters for a local volume name', 'absolute path'],
  ['a relative host path', {}, { Binds: ['./data:/b'] }, 'create ./data: "./data" includes invalid characters for a local volume name', 'absolute path'],
  ['propagation on a volume', {}, { Binds: ['vol:/b:rshared'] }, `invalid volume specification: 'vol:/b:rshared': invalid mount config for type "volume": field BindOptions must not be specified`, 'bind mounts only'],
  ['nocopy on a bind', {}, { Binds: ['/x:/b:nocopy'] }, `invalid volume specification: '/x:/b:nocopy': invalid mount config for type "bind": field VolumeOptions must not be specified`, 'volumes only'],
  ['two mounts on one path', {}, { Binds: ['/x:/a', '/y:/a/'] }, 'HostConfig.Binds[1] "/a": Duplicate mount point: /a', 'HostConfig.Binds[0]'],
  ['a bind and a tmpfs on one path', {}, { Binds: ['/x:/run'], Tmpfs: { '/run': '' } }, 'HostConfig.Tmpfs["/run"] "/run": Duplicate mount point: /run', 'HostConfig.Binds[0]'],
  ['a Mounts bind to a missing path', {}, { Mounts: [{ Type: 'bind', Source: '/missing', Target: '/a' }] }, 'invalid mount config for type "bind": bind source path does not exist: /missing', 'create /missing'],
  ['a Mounts bind with a relative source', {}, { Mounts: [{ Type: 'bind', Source: 'rel', Target: '/a' }] }, `invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`, '/srv/data'],
  ['a Mounts bind with a bad propagation', {}, { Mounts: [{ Type: 'bind', Source: '/exists', Target: '/a', BindOptions: { Propagation: 'bogus' } }] }, 'invalid propagation mode: bogus', 'rprivate'],
  ['a read-only anonymous volume', {}, { Mounts: [{ Type: 'volume', Target: '/a', ReadOnly: true }] }, 'invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes', 'name the volume'],
  ['a volume with bind options', {}, { Mounts: [{ Type: 'volume', Source: 'v1', Target: '/a', BindOptions: {} }] }, 'field BindOptions must not be specified', 'type bind'],
  ['a volume on another driver', {}, { Mounts: [{ Type: 'volume', Source: 'v1', Target: '/a', VolumeOptions: { DriverConfig: { Name: 'nfs' } } }] }, 'volume driver "nfs" is not available', 'local'],
  ['a tmpfs with a source', {}, { Mounts: [{ Type: 'tmpfs', Source: 'x', Target: '/a' }] }, 'HostConfig.Mounts[0] {"Type":"tmpfs","Source":"x","Target":"/a"}: invalid mount config for type "tmpfs": field Source must not be specified', 'no source'],
  ['a named pipe', {}, { Mounts: [{ Type: 'npipe', Source: 'x', Target: '/a' }] }, 'invalid mount config for type "npipe": mount type unknown', 'bind, volume or tmpfs'],
  ['a Mounts entry without a target', {}, { Mounts: [{ Type: 'volume', Target: '' }] }, 'HostConfig.Mounts[0].Target "": field Target must not be empty', '/data'],
  ['a relative tmpfs path', {}, { Tmpfs: { rel: '' } }, `HostConfig.Tmpfs["rel"] "rel": invalid mount path: 'rel' mount path must be absolute`, '/rel'],
  ['an unknown tmpfs option', {}, { Tmpfs: { '/run': 'size=64m,bogus' } }, 'HostConfig.Tmpfs["/run"] "size=64m,bogus": unknown tmpfs option "bogus"', 'size'],
  ['a malformed tmpfs size', {}, { Tmpfs: { '/run': 'size=lots' } }, 'invalid value for tmpfs option size: "lots"', 'size=64m'],
  ['a relative working directory', { WorkingDir: 'rel' }, {}, `Config.WorkingDir "rel": the working directory 'rel' is invalid, it needs to be an absolute path`, '/rel'],
  ['an unknown stop signal', { StopSignal: 'SIGBOGUS' }, {}, 'Config.StopSignal "SIGBOGUS": Invalid signal: SIGBOGUS', 'SIGTERM'],
  ['signal 0', { StopSignal: '0' }, {}, 'Invalid signal: 0', 'SIGTERM'],
  ['a health interval under a millisecond', { Healthcheck: { Test: ['CMD', 'true'], Interval: 10 } }, {}, 'Config.Healthcheck.Interval 10: Interval in Healthcheck cannot be less than 1ms', 'nanoseconds'],
  ['negative health retries', { Healthcheck: { Retries: -1 } }, {}, 'Retries in Healthcheck cannot be negative', 'default'],
  ['an unknown health check type', { Healthcheck: { Test: ['RUN', 'true'] } }, {}, 'Config.Healthcheck.Test ["RUN","true"]: unknown health check type "RUN"', 'CMD-SHELL'],
  ['CMD without a command', { Healthcheck: { Test: ['CMD'] } }, {}, 'CMD needs a command after it', 'pg_isready'],
  ['an unknown restart policy', {}, { RestartPolicy: { Name: 'sometimes' as 'always' } }, `HostConfig.RestartPolicy.Name "sometimes": invalid restart policy 'sometimes'`, 'on-failure'],
  ['retries with always', {}, { RestartPolicy: { Name: 'always', MaximumRetryCount: 3 } }, `HostConfig.RestartPolicy.MaximumRetryCount 3: maximum retry count cannot be used with restart policy 'always'`, 'on-failure:N'],
  ['negative retries', {}, { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: -1 } }, 'maximum retry count cannot be negative', 'no limit'],
  ['AutoRemove with a restart policy', {}, { AutoRemove: true, RestartPolicy: { Name: 'unless-stopped' } }, `HostConfig.AutoRemove true: can't create 'AutoRemove' container with restart policy`, 'drop one'],
  ['memory under 6 MB', {}, { Memory: 1000 }, 'HostConfig.Memory 1000: Minimum memory limit allowed is 6MB', '6291456'],
  ['swap under memory', {}, { Memory: 8 << 20, MemorySwap: 7 << 20 }, 'Minimum memoryswap limit should be larger than memory limit, see usage', '-1'],
  ['swap without memory', {}, { MemorySwap: 8 << 20 }, 'You should always set the Memory limit when using Memoryswap limit, see usage', 'set Memory'],
  ['a reservation over the limit', {}, { Memory: 8 << 20, MemoryReservation: 9 << 20 }, 'Minimum memory limit can not be less than memory reservation limit, see usage', 'at most'],
  ['more CPUs than the host has', {}, { NanoCpus: 3e9 }, 'HostConfig.NanoCpus 3000000000: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available', '2000000000'],
  ['NanoCpus with a CPU quota', {}, { NanoCpus: 1e9, CpuQuota: 50000 }, 'Conflicting options: Nano CPUs and CPU Quota cannot both be set', 'either'],
  ['a negative shm size', {}, { ShmSize: -1 }, 'SHM size can not be less than 0', '64 MiB'],
  ['an OOM score out of range', {}, { OomScoreAdj: 1001 }, 'Invalid value 1001, range for oom score adj is [-1000, 1000]', '-1000'],
  ['a host-wide sysctl', {}, { Sysctls: { 'kernel.panic': '1' } }, 'HostConfig.Sysctls.kernel.panic "1": sysctl "kernel.panic" is not in a separate kernel namespace', 'net.*'],
  ['a net sysctl with the host network', {}, { NetworkMode: 'host', Sysctls: { 'net.ipv4.ip_forward': '1' } }, `sysctl "net.ipv4.ip_forward" is not allowed in the hosts network namespace`, 'network_mode: host'],
  ['an IPC sysctl with the host IPC', {}, { IpcMode: 'host', Sysctls: { 'kernel.shmmax': '1' } }, `sysctl "kernel.shmmax" is not allowed in the hosts ipc namespace`, 'IPC namespace'],
  ['kernel.hostname', {}, { Sysctls: { 'kernel.hostname': 'x' } }, 'conflicts with the OCI "hostname" field', 'Config.Hostname'],
  ['an unknown ulimit', {}, { Ulimits: [{ Name: 'bogus', Soft: 1, Hard: 1 }] }, 'HostConfig.Ulimits[0] {"Name":"bogus","Soft":1,"Hard":1}: invalid ulimit type: bogus', 'nofile'],
  ['a soft ulimit over the hard one', {}, { Ulimits: [{ Name: 'nofile', Soft: 2048, Hard: 1024 }] }, 'ulimit soft limit must be less than or equal to hard limit: 2048 > 1024', '1024'],
];

describe('container config validation', () => {
  it.each(refused)('refuses %s, naming the field, the value and the fix', (_, config, host, message, fix) => {
    const error = problem(config, host);
    expect(error?.message).toContain(message);
    expect(error?.code).toBe('CONTAINER_CONFIG_INVALID');
    expect(error?.kind).toBe('usage');
    expect(error?.hint).toContain(fix);
  });

  it('accepts what Compose sends for a typical service', () => {
    const config: ContainerConfig = {
      WorkingDir: '/app',
      StopSignal: 'SIGQUIT',
      Healthcheck: { Test: ['CMD-SHELL', 'pg_isready -U postgres'], Interval: 5e9, Timeout: 3e9, Retries: 5, StartPeriod: 0 },
    };
    const host: HostConfig = {
      Binds: ['/srv/app:/app:ro,z', 'pgdata:/var/lib/postgresql/data', 'cache:/cache:nocopy', '/var/run/docker.sock:/var/run/docker.sock:rw,rslave', '/anonymous'],
      Mounts: [
        { Type: 'bind', Source: '/exists/config', Target: '/etc/app', ReadOnly: true, BindOptions: { Propagation: 'rprivate' } },
        { Type: 'volume', Source: 'logs', Target: '/logs', VolumeOptions: { NoCopy: true, Labels: { a: 'b' } } },
        { Type: 'volume', Target: '/scratch' },
        { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 64 << 20, Mode: 0o1777 } },
      ],
      Tmpfs: { '/run': 'size=64m,mode=1777,noexec,nosuid', '/run/lock': '' },
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
      Memory: 512 << 20,
      MemorySwap: -1,
      NanoCpus: 1.5e9,
      ShmSize: 128 << 20,
      Sysctls: { 'net.core.somaxconn': '1024', 'kernel.shmmax': '65536', 'fs.mqueue.msg_max': '100', 'kernel.domainname': 'example.com' },
      Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 4096 }, { Name: 'core', Soft: -1, Hard: -1 }],
      AutoRemove: false,
    };
    expect(problem(config, host)).toBeUndefined();
    expect(problem({ StopSignal: '15' }, { AutoRemove: true, RestartPolicy: { Name: 'no' } })).toBeUndefined();
    expect(problem({ StopSignal: 'rtmin+3', Healthcheck: { Test: ['NONE'] } })).toBeUndefined();
  });
});
