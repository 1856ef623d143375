// The built-in engine's cost of running a container, in the same run and interleaved so each
// sees the same machine, median of N each:
// 1. berth: ContainerEngine create + start + wait + remove of a busybox `true` container (the
//    record, the overlay root, the spec, conmon with `runc create`/`runc start`, the exit, the
//    removal of it all), in process, as the daemon will run it;
// 2. a bare `runc run` of a busybox root filesystem with runc's default spec, and a bare
//    `runc run` of berth's own spec for the container (Docker's defaults: the seccomp filter,
//    which runc compiles at every start, is most of the difference between the two);
// 3. Docker's engine (Debian's dockerd on a private socket): the same four calls over its API
//    (create, start, wait, DELETE), and `docker run --rm --network none` as a user types it.
// Then the memory one idle container's monitor adds: RSS and PSS of each conmon of 10 idle
// `sleep` containers made by the engine.
// Asserts nothing. Needs root and what the integration tests need (runc, conmon, docker.io,
// docker-registry). Usage: node --import tsx bench/container-run.ts [runs=20]
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContainerEngine } from '../src/runtime/containers/engine/index.js';
import { pullImage } from '../src/runtime/images/pull/index.js';
import { ContentStore } from '../src/runtime/images/store/index.js';
import { startDockerEngine } from '../test/harness/docker-engine.js';
import { engineRequest, expectStatus } from '../test/harness/engine-http.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';
import { pushFixture } from '../test/harness/fixtures/index.js';
import { startRegistry } from '../test/harness/registry.js';
import { createMonitorFixture } from '../test/runtime/containers/monitor/monitor-fixture.js';

const runs = Number(process.argv[2] ?? 20);
const run = promisify(execFile);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function memoryOf(pid: number): { rss: number; pss: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? Number.NaN);
  return { rss: field('Rss'), pss: field('Pss') };
}

/** The conmon processes whose command line names `root` (the engine's run directory is under it). */
function conmonsUnder(root: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.startsWith('/usr/bin/conmon\0') && cmdline.includes(root);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const root = mkdtempSync(join(tmpdir(), 'berth-bench-run-'));
const registry = await startRegistry();
const docker = await startDockerEngine();
const bare = createMonitorFixture();
const images = new ContentStore(join(root, 'images'));
let engine: ContainerEngine | undefined;
try {
  const pushed = await pushFixture(registry, 'busybox', 'bench/busybox:1');
  const image = (await pullImage(images, pushed.reference)).reference;
  engine = await ContainerEngine.open({ stateDirectory: join(root, 'state'), runDirectory: join(root, 'run'), images, cgroupParent: 'berth-bench' });
  const dockerImage = await ensureBusyboxImage(docker);
  if (docker.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
  const dockerHost = `unix://${docker.endpoint.socketPath}`;

  const berthRun = async (): Promise<void> => {
    const { Id } = await engine!.create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    await engine!.start(Id);
    await engine!.wait(Id);
    await engine!.remove(Id);
  };
  const bareRun = async (): Promise<void> => {
    const { id, bundle } = bare.bundle(['true']);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('runc', ['--root', join(bare.runDirectory, 'bare-runc'), 'run', '--bundle', bundle, id], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`runc run exited with ${code}`))));
    });
  };
  // berth's spec, taken from a running container's bundle, run by runc alone on that container's root.
  const keeper = await engine.create({ Image: image, Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'none' } });
  await engine.start(keeper.Id);
  const berthSpec = JSON.parse(readFileSync(join(root, 'run', 'bundles', keeper.Id, 'config.json'), 'utf8')) as { process: { args: string[] }; linux: { cgroupsPath: string } };
  let bareSpecRuns = 0;
  const bareBerthSpecRun = async (): Promise<void> => {
    const id = `bare-spec-${(bareSpecRuns += 1)}`;
    const bundle = join(root, 'bare-bundles', id);
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(bundle, 'config.json'), JSON.stringify({ ...berthSpec, process: { ...berthSpec.process, args: ['true'] }, linux: { ...berthSpec.linux, cgroupsPath: `/berth-bench/${id}` } }));
    await run('runc', ['--root', join(root, 'bare-runc'), 'run', '--bundle', bundle, id]);
  };
  const dockerCall = async (method: string, path: string, json?: unknown): Promise<string> =>
    expectStatus(await engineRequest(docker.endpoint, { method, path, json }), [200, 201, 204], `${method} ${path}`).body;
  const dockerApiRun = async (): Promise<void> => {
    const { Id } = JSON.parse(await dockerCall('POST', '/containers/create', { Image: dockerImage, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } })) as { Id: string };
    await dockerCall('POST', `/containers/${Id}/start`);
    await dockerCall('POST', `/containers/${Id}/wait`);
    await dockerCall('DELETE', `/containers/${Id}`);
  };
  const dockerCliRun = async (): Promise<void> => {
    await run('docker', ['-H', dockerHost, 'run', '--rm', '--network', 'none', dockerImage, 'true']);
  };

  const kinds = { berth: berthRun, bare: bareRun, bareBerthSpec: bareBerthSpecRun, dockerApi: dockerApiRun, dockerCli: dockerCliRun };
  const times: Record<keyof typeof kinds, number[]> = { berth: [], bare: [], bareBerthSpec: [], dockerApi: [], dockerCli: [] };
  for (const work of Object.values(kinds)) await work(); // warm caches and binaries
  for (let index = 0; index < runs; index += 1) {
    for (const [name, work] of Object.entries(kinds) as [keyof typeof kinds, () => Promise<void>][]) times[name].push(await timed(work));
  }
  const m = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)])) as Record<keyof typeof kinds, number>;
  console.log(`busybox \`true\`, create+start+wait+remove, median of ${runs}:`);
  console.log(`  berth engine     ${m.berth.toFixed(1)} ms`);
  console.log(`  bare runc run    ${m.bare.toFixed(1)} ms   berth/runc ${(m.berth / m.bare).toFixed(2)}   (runc's default spec)`);
  console.log(`  bare runc run    ${m.bareBerthSpec.toFixed(1)} ms   berth/runc ${(m.berth / m.bareBerthSpec).toFixed(2)}   (berth's spec, seccomp included)`);
  console.log(`  dockerd API      ${m.dockerApi.toFixed(1)} ms   berth/dockerd ${(m.berth / m.dockerApi).toFixed(2)}`);
  console.log(`  docker run --rm  ${m.dockerCli.toFixed(1)} ms   berth/docker-run ${(m.berth / m.dockerCli).toFixed(2)}`);

  const idle: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const { Id } = await engine.create({ Image: image, Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'none' } });
    await engine.start(Id);
    idle.push(Id);
  }
  const memory = conmonsUnder(root).map(memoryOf);
  const rss = memory.map((entry) => entry.rss);
  const pss = memory.map((entry) => entry.pss);
  console.log(`idle monitors (conmon) of ${memory.length} containers (${idle.length} started for this, and the one the bare runs copy their spec from): RSS median ${median(rss)} kB (max ${Math.max(...rss)}), PSS median ${median(pss)} kB (max ${Math.max(...pss)})`);
  for (const id of [...idle, keeper.Id]) await engine.remove(id, { force: true });
} finally {
  engine?.close();
  const left = await bare.cleanup();
  if (left.length > 0) console.error(`left behind by bare runc: ${left.join('; ')}`);
  await Promise.allSettled([docker.stop(), registry.stop()]);
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const parent = join('/sys/fs/cgroup', controller, 'berth-bench');
    if (existsSync(parent)) rmdirSync(parent);
  }
  rmSync(root, { recursive: true, force: true });
}
