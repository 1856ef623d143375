import { describeAsRoot } from '../../../harness/root.js';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { ContainerConfig, HostConfig } from '../../../../src/api/types/containers.js';
import { createRuntimeSpec, readHostFacts, runtimeSpecJson, type ContainerMount, type HostFacts, type RuntimeSpec } from '../../../../src/runtime/containers/spec/index.js';
import { defaultSeccompProfilePath } from '../../../../src/runtime/containers/spec/seccomp-profile.js';
import { useDockerEngine, type DockerTestEngine } from '../../../harness/docker-engine.js';
import { busyboxTarball } from '../../../harness/busybox-tarball.js';
import { ensureBusyboxImage, importImageTarball } from '../../../harness/fixture-images.js';
import { call } from '../../../harness/raw-calls.js';
import { usersTarball } from './lab-containers.js';
import { useRuncLab, type RuncLab } from './runc-lab.js';
import { busyboxImage } from './spec-input.js';

/**
 * berth's spec beside the config.json Docker's own engine (dockerd 20.10 with runc) writes for the
 * same image and container config, and what a process sees in both. Known, chosen differences are
 * taken out before comparing, each named below.
 */
type Json = Record<string, unknown>;
const usersImage = 'berth-fixture/users:1';
const imageChanges = ['CMD ["sh"]', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

interface ParityCase {
  config: ContainerConfig;
  hostConfig: HostConfig;
  /** The Binds/Tmpfs/Mounts of hostConfig as berth's engine resolves them. */
  mounts: ContainerMount[];
  image: 'busybox' | 'users';
}

describeAsRoot("berth's spec beside Docker's", () => {
  const engine = useDockerEngine();
  const lab = useRuncLab();
  let host: HostFacts;
  let profileJson: string;
  let users: string;
  beforeAll(async () => {
    host = await readHostFacts();
    profileJson = readFileSync(defaultSeccompProfilePath, 'utf8');
    await ensureBusyboxImage(engine());
    users = usersTarball(lab().directory());
    await importImageTarball(engine(), users, usersImage, imageChanges);
  }, 120_000);

  async function compare(given: ParityCase): Promise<{ docker: Json; berth: Json }> {
    const parity = { ...given, config: { Hostname: 'parity', Cmd: ['sleep', '1000'], ...given.config } };
    const { id, spec } = await startInDocker(engine(), parity);
    const docker = dockerComparable(spec);
    const networkFiles = (spec.mounts as Json[]).filter((mount) => String(mount.destination).startsWith('/etc/')).map((mount) => bindFrom(mount));
    const berthSpec = await createRuntimeSpec({
      id,
      imageName: parity.image,
      image: busyboxImage,
      config: parity.config,
      hostConfig: parity.hostConfig,
      rootfs: lab().rootfs(parity.image === 'users' ? users : busyboxTarball()),
      mounts: [...parity.mounts, ...networkFiles],
      cgroupsPath: String((spec.linux as Json).cgroupsPath),
      host,
      initBinary: '/usr/bin/docker-init',
    });
    return { docker, berth: berthComparable(berthSpec, parity) };
  }

  it("matches for a plain busybox container, but for seccomp (compared in effect in seccomp-parity.test.ts)", async () => {
    const { docker, berth } = await compare({ config: {}, hostConfig: {}, mounts: [], image: 'busybox' });
    expect(withoutSeccomp(berth)).toEqual(withoutSeccomp(docker));
  });

  it('matches for a user with supplementary groups and group_add', async () => {
    const { docker, berth } = await compare({ config: { User: 'app' }, hostConfig: { GroupAdd: ['extra', '7'] }, mounts: [], image: 'users' });
    expect(withoutSeccomp(berth)).toEqual(withoutSeccomp(docker));
  });

  it('matches for a container using most options', async () => {
    const data = lab().directory();
    const { docker, berth } = await compare({
      config: { Tty: true, Env: ['A=1', 'PATH=/x'], Domainname: 'example.org' },
      hostConfig: {
        CapAdd: ['sys_admin'], CapDrop: ['CAP_NET_RAW'], ReadonlyRootfs: true, Init: true, ShmSize: 1 << 20, Memory: 64 << 20, NanoCpus: 500_000_000,
        PidsLimit: 50, OomScoreAdj: 100, SecurityOpt: ['no-new-privileges'], Sysctls: { 'net.ipv4.ip_forward': '1' },
        Ulimits: [{ Name: 'nofile', Soft: 100, Hard: 200 }], Tmpfs: { '/run': 'size=64m,exec', '/a/b/c': '' }, Binds: [`${data}:/data:ro`],
        Mounts: [{ Type: 'tmpfs', Target: '/t2', TmpfsOptions: { SizeBytes: 3 << 20, Mode: 0o700 } }],
      },
      mounts: [
        { type: 'bind', source: data, destination: '/data', readOnly: true, propagation: 'rprivate' },
        { type: 'tmpfs', destination: '/t2', data: 'mode=700,size=3m' },
        { type: 'tmpfs', destination: '/run', data: 'size=64m,exec' },
        { type: 'tmpfs', destination: '/a/b/c', data: '' },
      ],
      image: 'busybox',
    });
    expect(withoutSeccomp(berth)).toEqual(withoutSeccomp(docker));
  });

  it("converts the default profile as Docker converts it, for a non-root user's capabilities", async () => {
    const hostConfig = { CapAdd: ['SYS_PTRACE'], CapDrop: ['AUDIT_WRITE'], SecurityOpt: [`seccomp=${profileJson}`] };
    const { docker, berth } = await compare({ config: { User: 'nobody' }, hostConfig, mounts: [], image: 'busybox' });
    expect(berth).toEqual(docker);
  });

  it('gives a process the same capabilities, seccomp mode, open-file limit and mounts as Docker', async () => {
    const script = [
      "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status",
      'echo nofile $(ulimit -n) $(ulimit -Hn)',
      "cut -d' ' -f2-4 /proc/self/mounts | grep -v -E '^/ |^/out '",
    ].join('; ');
    const dockerOut = lab().directory();
    await runInDocker(engine(), { Cmd: ['sh', '-c', `(${script}) > /out/result`], HostConfig: { Binds: [`${dockerOut}:/out`] } });
    const berthOut = lab().directory();
    const files = networkFiles(lab());
    const id = `parity-${randomBytes(4).toString('hex')}`;
    const spec = await createRuntimeSpec({
      id, imageName: 'busybox', image: busyboxImage, config: { Cmd: ['sh', '-c', `(${script}) > /out/result`] }, hostConfig: {},
      rootfs: lab().rootfs(), mounts: [{ type: 'bind', source: berthOut, destination: '/out', propagation: 'rprivate' }, ...files], cgroupsPath: lab().cgroupsPath(id), host,
    });
    const run = await lab().run(id, spec);
    expect(run.exitCode, run.stderr).toBe(0);

    // Chosen differences: berth also masks /proc/interrupts and /sys/devices/virtual/powercap.
    const berthLines = readFileSync(join(berthOut, 'result'), 'utf8').split('\n').filter((line) => !/^\/(proc\/interrupts|sys\/devices\/virtual\/powercap) /.test(line));
    const dockerLines = readFileSync(join(dockerOut, 'result'), 'utf8').split('\n');
    // Docker's containers inherit its open-file limit (1048576 under systemd's containerd unit, this test process's here);
    // berth sets Docker's 1048576, or the engine's own limit when it cannot raise it.
    const nofile = (lines: string[]) => lines.find((line) => line.startsWith('nofile '));
    if (!host.canRaiseLimits) expect(nofile(berthLines)).toBe(nofile(dockerLines));
    else expect(nofile(berthLines)).toBe('nofile 1048576 1048576');
    expect(berthLines.filter((line) => !line.startsWith('nofile '))).toEqual(dockerLines.filter((line) => !line.startsWith('nofile ')));
  });
});

/** Starts `sleep` with the case's config in Docker and returns the config.json its runc got. */
async function startInDocker(engine: DockerTestEngine, parity: ParityCase): Promise<{ id: string; spec: Json }> {
  const image = parity.image === 'users' ? usersImage : 'berth-fixture/busybox:1';
  const body = { Image: image, ...parity.config, HostConfig: parity.hostConfig };
  const { Id } = JSON.parse(await call(engine, 'POST', '/containers/create', body)) as { Id: string };
  await call(engine, 'POST', `/containers/${Id}/start`);
  const exec = join(engine.directory, 'exec');
  const found = readdirSync(exec, { recursive: true, encoding: 'utf8' }).find((path) => path.endsWith(`${Id}/config.json`));
  if (found === undefined) throw new Error(`no config.json for ${Id} under ${exec}`);
  const spec = JSON.parse(readFileSync(join(exec, found), 'utf8')) as Json;
  await call(engine, 'DELETE', `/containers/${Id}?force=1`);
  return { id: Id, spec };
}

async function runInDocker(engine: DockerTestEngine, config: Json): Promise<void> {
  const { Id } = JSON.parse(await call(engine, 'POST', '/containers/create', { Image: 'berth-fixture/busybox:1', ...config })) as { Id: string };
  await call(engine, 'POST', `/containers/${Id}/start`);
  await call(engine, 'POST', `/containers/${Id}/wait`);
  await call(engine, 'DELETE', `/containers/${Id}?force=1`);
}

/** Docker's hostname, hosts and resolv.conf bind mounts, as berth's engine will make them. */
function networkFiles(lab: RuncLab): ContainerMount[] {
  const directory = lab.directory();
  return ['resolv.conf', 'hostname', 'hosts'].map((name) => {
    writeFileSync(join(directory, name), '');
    return { type: 'bind', source: join(directory, name), destination: `/etc/${name}`, propagation: 'rprivate' } as const;
  });
}

function bindFrom(mount: Json): ContainerMount {
  const options = mount.options as string[];
  return { type: 'bind', source: String(mount.source), destination: String(mount.destination), readOnly: options.includes('ro'), propagation: 'rprivate' };
}

/** Docker's spec without what differs by nature: the root path, empty hooks, zero-valued resources. */
function dockerComparable(spec: Json): Json {
  const copy = structuredClone(spec);
  delete (copy.root as Json).path;
  delete copy.hooks;
  const resources = (copy.linux as Json).resources as Json;
  delete (resources.memory as Json).disableOOMKiller;
  if (Object.keys(resources.memory as Json).length === 0) delete resources.memory;
  delete (resources.cpu as Json).shares;
  if (Object.keys(resources.cpu as Json).length === 0) delete resources.cpu;
  delete resources.blockIO;
  return normalized(copy);
}

/** berth's spec without its chosen differences from Docker 20.10. */
function berthComparable(spec: RuntimeSpec, parity: ParityCase): Json {
  const copy = JSON.parse(runtimeSpecJson(spec)) as Json;
  delete (copy.root as Json).path;
  const process = copy.process as Json;
  // runc sets HOME from passwd when the spec has none; berth writes it.
  if (!parity.config.Env?.some((entry) => entry.startsWith('HOME='))) process.env = (process.env as string[]).filter((entry) => !entry.startsWith('HOME='));
  // berth always sets RLIMIT_NOFILE; Docker leaves it to inheritance unless asked.
  if (!parity.hostConfig.Ulimits?.some((ulimit) => ulimit.Name === 'nofile')) process.rlimits = (process.rlimits as Json[]).filter((rlimit) => rlimit.type !== 'RLIMIT_NOFILE');
  if ((process.rlimits as Json[]).length === 0) delete process.rlimits;
  const linux = copy.linux as Json;
  // Two more masked paths than Docker 20.10; and defaultErrnoRet, which Docker 20.10 drops.
  linux.maskedPaths = (linux.maskedPaths as string[]).filter((path) => path !== '/proc/interrupts' && path !== '/sys/devices/virtual/powercap');
  if (linux.seccomp) delete (linux.seccomp as Json).defaultErrnoRet;
  return normalized(copy);
}

/**
 * Orders what Docker orders by chance: group_add gids (a Go map), mounts of one depth. Docker also
 * lists a gid twice when group_add repeats a supplementary group; berth lists it once.
 */
function normalized(spec: Json): Json {
  const user = (spec.process as Json).user as Json;
  user.additionalGids = [...new Set(user.additionalGids as number[])].sort((a, b) => a - b);
  spec.mounts = [...(spec.mounts as Json[])].sort((a, b) => String(a.destination).localeCompare(String(b.destination)));
  return spec;
}

function withoutSeccomp(spec: Json): Json {
  const copy = structuredClone(spec);
  delete (copy.linux as Json).seccomp;
  return copy;
}
