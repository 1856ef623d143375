// The engine daemon's footprint beside Docker's, in the same run (issue 7's measure):
// 1. memory (RSS and PSS from smaps_rollup, summed over the engine's processes): berth's daemon
//    vs dockerd + its containerd, idle (no containers, the busybox image in the store; berth a
//    fresh daemon, not one still holding the import's garbage; dockerd just after the import);
//    then with N running busybox `sleep` containers (network none on both: the harness's dockerd
//    has no default bridge), berth's daemon + its conmons vs dockerd + containerd + one
//    containerd-shim-runc-v2 per container; then the same again after the load below;
// 2. requests per second of `GET /v1.41/containers/json?all=1` with the N containers, over the
//    UNIX socket, C keep-alive connections each asking again as soon as it has its answer, S
//    seconds a round, the median of R rounds (berth from the sources and dockerd interleaved;
//    the client is this node process, on the same 2 cores as the engine it measures).
// berth runs twice on the same directories: from the sources with tsx, as the test harness runs
// it (its loader thread, and an esbuild child when tsx must transform a changed file, count), and
// as an esbuild bundle like dist/bundle, what an installed berth runs; the daemon stops gracefully
// in between, and the next one adopts the running containers. Targets (issue 7): berth/docker at
// most 0.5 for memory, above 1,000 requests per second. Asserts nothing. Needs root and what the
// integration tests need (runc, conmon, docker.io, busybox-static); removes every container, both
// engines and the bundle.
// Usage: node --import tsx bench/daemon-footprint.ts [containers=20] [seconds=3] [rounds=3] [connections=4]
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { EngineEndpoint } from '../src/api/endpoint.js';
import { startBerthEngine, type BerthTestEngine } from '../test/harness/berth-engine.js';
import { daemonArguments } from '../test/harness/berth-engine-setup.js';
import { startDockerEngine, type DockerTestEngine, type TestEngine } from '../test/harness/docker-engine.js';
import { spawnDockerd, terminate, type DockerdProcess } from '../test/harness/dockerd-process.js';
import { engineRequest, expectStatus } from '../test/harness/engine-http.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';
import { engineProcesses, mib, summarize } from './engine-processes.js';
import { keepAliveLoad, type LoadResult } from './keep-alive-load.js';

const [containers = 20, seconds = 3, rounds = 3, connections = 4] = process.argv.slice(2).map(Number);
const listPath = '/v1.41/containers/json?all=1';
const settleMs = 2_000;
const stopGraceMs = 15_000;
const repository = fileURLToPath(new URL('..', import.meta.url));

type Variant = 'source' | 'bundle' | 'docker';
type Phase = 'idle' | 'running' | 'loaded';
const memory = new Map<string, ReturnType<typeof summarize>>();
const loads: Record<Variant, LoadResult[]> = { source: [], bundle: [], docker: [] };

/** berth's CLI bundled as `npm run build` bundles it (from the sources, not tsc's output). */
async function bundleBerth(directory: string): Promise<string> {
  await build({
    stdin: { contents: "import { main } from './src/cli/main.js';\nawait main(process.argv);\n", resolveDir: repository, loader: 'ts', sourcefile: 'berth-bench-main.ts' },
    outdir: directory,
    entryNames: 'main',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return join(directory, 'main.js');
}

async function waitForPing(endpoint: EngineEndpoint, daemon: DockerdProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!daemon.hasExited() && Date.now() < deadline) {
    const answer = await engineRequest(endpoint, { method: 'GET', path: '/_ping', timeoutMs: 2_000 }).catch(() => undefined);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the bundled berth daemon did not answer /_ping (${daemon.hasExited() ? await daemon.exited : 'still starting after 30 s'})`);
}

async function call(engine: TestEngine, method: string, path: string, json?: unknown): Promise<string> {
  return expectStatus(await engineRequest(engine.endpoint, { method, path, json }), [200, 201, 204], `${method} ${path}`).body;
}

async function runSleepers(engine: TestEngine, image: string): Promise<void> {
  for (let index = 0; index < containers; index += 1) {
    const { Id } = JSON.parse(await call(engine, 'POST', '/v1.41/containers/create', { Image: image, Cmd: ['sleep', '100000'], HostConfig: { NetworkMode: 'none' } })) as { Id: string };
    await call(engine, 'POST', `/v1.41/containers/${Id}/start`);
  }
}

async function sample(variant: Variant, phase: Phase, directory: string, daemonPid: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  memory.set(`${variant} ${phase}`, summarize(engineProcesses(directory, daemonPid)));
}

async function load(variant: Variant, engine: TestEngine): Promise<void> {
  if (engine.endpoint.kind !== 'unix') throw new Error('the harness engines listen on UNIX sockets');
  const listed = (JSON.parse(await call(engine, 'GET', listPath)) as unknown[]).length;
  if (listed !== containers) throw new Error(`${variant} lists ${listed} containers, not ${containers}`);
  if (loads[variant].length === 0) await keepAliveLoad(engine.endpoint.socketPath, listPath, connections, 1); // JIT and caches warm
  loads[variant].push(await keepAliveLoad(engine.endpoint.socketPath, listPath, connections, seconds));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function printTable(): void {
  const cell = (text: string): string => text.padStart(15);
  const row = (label: string, values: Record<Variant, number>, format: (value: number) => string): void => {
    const ratio = (variant: Variant): string => (values[variant] / values.docker).toFixed(2);
    console.log(`${label.padEnd(34)}${cell(format(values.source))}${cell(format(values.bundle))}${cell(format(values.docker))}${cell(ratio('source'))}${cell(ratio('bundle'))}`);
  };
  const variants: Variant[] = ['source', 'bundle', 'docker'];
  const of = (phase: Phase, field: 'rss' | 'pss'): Record<Variant, number> =>
    Object.fromEntries(variants.map((variant) => [variant, memory.get(`${variant} ${phase}`)?.[field] ?? Number.NaN])) as Record<Variant, number>;
  const loadOf = (field: 'perSecond' | 'medianMs'): Record<Variant, number> =>
    Object.fromEntries(variants.map((variant) => [variant, median(loads[variant].map((result) => result[field]))])) as Record<Variant, number>;
  console.log(`${''.padEnd(34)}${cell('berth (tsx)')}${cell('berth (bundle)')}${cell('docker')}${cell('tsx/docker')}${cell('bundle/docker')}`);
  const phases: [Phase, string][] = [['idle', 'idle'], ['running', `${containers} containers`], ['loaded', `${containers} containers, after load`]];
  for (const [phase, label] of phases) {
    row(`${label}: RSS MiB`, of(phase, 'rss'), mib);
    row(`${label}: PSS MiB`, of(phase, 'pss'), mib);
  }
  row(`GET containers/json: req/s`, loadOf('perSecond'), (value) => value.toFixed(0));
  row(`GET containers/json: median ms`, loadOf('medianMs'), (value) => value.toFixed(2));
  const failures = variants.map((variant) => `${variant} ${loads[variant].reduce((total, result) => total + result.failures, 0)}`).join(', ');
  console.log(`(${connections} keep-alive connections, median of ${rounds} rounds of ${seconds} s; failed requests: ${failures}; target: berth/docker <= 0.5, > 1000 req/s)`);
  console.log('processes (name×count RSS/PSS MiB):');
  for (const [key, summary] of memory) console.log(`  ${key.padEnd(16)} ${summary.breakdown}`);
}

// In node_modules, so that the bundle's packages resolve from it.
const bundleDirectory = mkdtempSync(join(repository, 'node_modules', '.berth-bench-daemon-'));
let berth: BerthTestEngine | undefined;
let bundled: DockerdProcess | undefined;
let docker: DockerTestEngine | undefined;
try {
  docker = await startDockerEngine();
  const bundleEntry = await bundleBerth(bundleDirectory);
  berth = await startBerthEngine();
  const engine = berth;
  /** Stops whichever berth daemon runs (gracefully: its containers keep running) and starts `variant` on the same directories. */
  const switchTo = async (variant: 'source' | 'bundle'): Promise<number> => {
    if (bundled) await terminate(bundled, stopGraceMs);
    await terminate(engine.daemon(), stopGraceMs);
    if (variant === 'source') {
      await engine.restartDaemon();
      return engine.daemon().pid;
    }
    bundled = spawnDockerd(process.execPath, [bundleEntry, ...daemonArguments(engine.setup)], engine.setup.logPath);
    await waitForPing(engine.endpoint, bundled);
    return bundled.pid;
  };
  const berthImage = await ensureBusyboxImage(engine);
  const dockerImage = await ensureBusyboxImage(docker);
  await sample('bundle', 'idle', engine.directory, await switchTo('bundle'));
  await sample('source', 'idle', engine.directory, await switchTo('source'));
  await sample('docker', 'idle', docker.directory, docker.pid);

  await runSleepers(engine, berthImage);
  await runSleepers(docker, dockerImage);
  await sample('source', 'running', engine.directory, engine.daemon().pid);
  await sample('docker', 'running', docker.directory, docker.pid);
  for (let round = 0; round < rounds; round += 1) {
    await load('source', engine);
    await load('docker', docker);
  }
  await sample('source', 'loaded', engine.directory, engine.daemon().pid);
  await sample('docker', 'loaded', docker.directory, docker.pid);

  const bundlePid = await switchTo('bundle');
  await sample('bundle', 'running', engine.directory, bundlePid);
  for (let round = 0; round < rounds; round += 1) await load('bundle', engine);
  await sample('bundle', 'loaded', engine.directory, bundlePid);
  // The harness stops the daemon it started: its removal runs through the API.
  await switchTo('source');
  printTable();
} finally {
  if (bundled) await terminate(bundled, stopGraceMs);
  const stopped = await Promise.allSettled([berth?.stop(), docker?.stop()]);
  for (const outcome of stopped) if (outcome.status === 'rejected') console.error(`clean-up: ${String(outcome.reason)}`);
  rmSync(bundleDirectory, { recursive: true, force: true });
}
