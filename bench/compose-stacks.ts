// Compose `up -d`, a second `up -d` with nothing changed, and `down -v` (issue 11's first figures):
// berth, its CLI on its own engine, beside Debian's docker-compose 1.29 on Docker's engine, in the
// same run, ratio berth / docker. A third column, berth's CLI on Docker's engine, separates the
// CLI's share from the engine's. Each step is timed from the command's spawn to its exit.
// The engines: berth's daemon from dist (a copy taken at the start, as an installed berth runs it;
// bench/bundled-berth.ts) and Debian's dockerd on its own socket (the test harness's: no default
// bridge, no iptables, so its published ports go through docker-proxy), each on its own
// directories. The projects: busybox `sleep` stacks of each size (fan: every service depends on
// db; chain: each on the one before), and copies of examples/ (their node modules installed in the
// copy with `npm ci --omit=dev`; their Docker Hub images made offline from Debian packages by
// test/harness/example-images.ts and pulled by each engine from a private registry). docker-compose
// 1.29 has no `--wait`: `up -d` is timed for all, and `depends_on: service_healthy` makes each wait
// for the database's health. A project's published host ports (variables named *PORT*, such as
// postgres-web's WEB_PORT) get a free port per tool, or a free range as wide as the default's
// (redis-counter's COUNTER_PORTS). Every tool runs one untimed cycle of the first stack and of each
// example first; after each first `up -d` the bench checks that every container of every service
// (each replica) runs, and a one-shot job's (one that another service awaits with
// service_completed_successfully) has exited 0, so a broken run is not timed. Runs rotate the
// tools' order. A tool that fails on a project loses that cell (the reason is printed) and the
// rest goes on.
// Asserts nothing. Needs root, a built dist (npm run build), what the integration tests need (runc,
// conmon, docker.io, docker-registry, skopeo, busybox-static), docker-compose (apt-get install
// docker-compose) and, for the examples, the npm registry or npm's cache. The first run builds the
// postgres and node fixtures into /var/cache/berth/fixtures (minutes). Stops both engines and the
// registry, which removes everything they made.
// Usage: node --import tsx bench/compose-stacks.ts [runs=3] [sizes=5,20|none] [examples=LIST|none] [--no-cross]
// The examples default to postgres-web,redis-counter,internal-migrations; one whose folder has no
// compose.yaml, or whose images test/harness/example-images.ts cannot make, is skipped, saying why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatEndpoint } from '../src/api/index.js';
import { requireRootAndBundle } from './bench-process.js';
import { startBerthEngine, type BerthTestEngine } from '../test/harness/berth-engine.js';
import { startDockerEngine, type DockerTestEngine, type TestEngine } from '../test/harness/docker-engine.js';
import { engineRequest, expectStatus } from '../test/harness/engine-http.js';
import { provideExampleImages } from '../test/harness/example-images.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';
import { startRegistry, type TestRegistry } from '../test/harness/registry.js';
import { snapshotBerth } from './bundled-berth.js';
import { exampleCopy, exampleProblem, freePorts, generatedStack, type BenchProject } from './compose-projects.js';

const positional = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const runs = Number(positional[0] ?? 3);
const list = (text: string | undefined, fallback: string): string[] => ((text ?? fallback) === 'none' ? [] : (text ?? fallback).split(',').filter(Boolean));
const sizes = list(positional[1], '5,20').map(Number);
const exampleNames = list(positional[2], 'postgres-web,redis-counter,internal-migrations');
const cross = !process.argv.includes('--no-cross');
const repository = fileURLToPath(new URL('..', import.meta.url));
const commandTimeoutMs = 300_000;

type ToolKey = 'berth' | 'compose' | 'cross';
interface Tool {
  key: ToolKey;
  engine: TestEngine;
  command: string;
  prefix: string[];
  env: NodeJS.ProcessEnv;
}
const steps = [
  { key: 'up', label: 'up -d', args: ['up', '-d'] },
  { key: 'again', label: 'up -d (no change)', args: ['up', '-d'] },
  { key: 'down', label: 'down -v', args: ['down', '-v'] },
] as const;
type StepKey = (typeof steps)[number]['key'];

requireRootAndBundle('bench/compose-stacks.ts', { bundle: false });
const composeVersion = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
if (composeVersion.status !== 0) {
  console.error('docker-compose is not installed: apt-get install docker-compose');
  process.exit(2);
}

class CommandFailed extends Error {}

/** The compose command running now, killed on SIGINT/SIGTERM before the engines stop. */
let running: ChildProcess | undefined;
let interrupted = false;

/** Runs one compose command to its exit; resolves with its wall time in ms. */
function timed(tool: Tool, args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  if (interrupted) return Promise.reject(new Error('interrupted'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(tool.command, [...tool.prefix, ...args], { cwd, env: { ...tool.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), commandTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (running === child) running = undefined;
      if (code === 0) return resolve(performance.now() - started);
      const tail = output.trim().split('\n').slice(-8).join('\n    ');
      reject(new CommandFailed(`\`${args.join(' ')}\` ${signal ? `was killed by ${signal}` : `exited with ${code}`}:\n    ${tail}`));
    });
  });
}

/**
 * What differs from what a finished `up -d` leaves (every container of a service running, a
 * one-shot job's exited 0), straight from the engine; an empty list when nothing does.
 */
async function unfinished(engine: TestEngine, name: string, project: BenchProject): Promise<string[]> {
  const answer = expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path: '/containers/json?all=1' }), [200], 'list containers');
  const containers = (JSON.parse(answer.body) as { State: string; Status: string; Labels?: Record<string, string> }[]).filter(
    (container) => container.Labels?.['com.docker.compose.project'] === name,
  );
  return [...project.expected].flatMap(([service, { replicas, oneShot }]) => {
    const states = containers.filter((container) => container.Labels?.['com.docker.compose.service'] === service).map((container) => (container.State === 'running' ? 'running' : container.Status));
    const done = states.filter((state) => (oneShot ? /^Exited \(0\)/.test(state) : state === 'running')).length;
    return done === replicas ? [] : [`${service}: ${done} of ${replicas} ${oneShot ? 'exited 0' : 'running'} (${states.join(', ') || 'no container'})`];
  });
}

const projectName = (project: BenchProject, tool: Tool): string => `stk-${project.id}-${tool.key}`;

/** One up, up, down cycle; checks that the first up left every service's container running. */
async function cycle(tool: Tool, project: BenchProject, env: Record<string, string>): Promise<Record<StepKey, number>> {
  const name = projectName(project, tool);
  const times = {} as Record<StepKey, number>;
  for (const step of steps) {
    times[step.key] = await timed(tool, ['-p', name, '-f', 'compose.yaml', ...step.args], project.directory, env);
    if (step.key === 'up') {
      const problems = await unfinished(tool.engine, name, project);
      if (problems.length > 0) throw new CommandFailed(`\`up -d\` exited 0 but left ${problems.join('; ')}`);
    }
  }
  return times;
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────

const workspace = mkdtempSync(join(tmpdir(), 'berth-bench-stacks-'));
let berth: BerthTestEngine | undefined;
let docker: DockerTestEngine | undefined;
let registry: TestRegistry | undefined;
let cleaning: Promise<void> | undefined;

/** Stops the engines (the harness removes their containers, volumes, networks and bridges), the registry and the copies. Runs once. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    const stopped = await Promise.allSettled([berth?.stop(), docker?.stop(), registry?.stop()]);
    for (const outcome of stopped) if (outcome.status === 'rejected') console.error(`clean-up: ${String(outcome.reason)}`);
    rmSync(workspace, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.once(name, () => {
    console.error(`${name}: stopping the engines`);
    interrupted = true;
    const child = running;
    const ended = child && child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('close', resolve)) : Promise.resolve();
    child?.kill('SIGKILL');
    void ended.then(cleanUp).finally(() => process.exit(130));
  });
}

const load = (): string => loadavg()[0]!.toFixed(2);
const skipped = new Map<string, string>();
const failures = new Map<string, string>();
/** `project tool step` → ms of each timed run. */
const results = new Map<string, number[]>();
const loads = new Map<string, string>();
try {
  const cli = snapshotBerth(repository, join(workspace, 'berth'));
  const examples = exampleNames.filter((name) => {
    const problem = exampleProblem(name);
    if (problem) skipped.set(name, problem);
    return !problem;
  });
  docker = await startDockerEngine();
  // berth's daemon from the copy, as an installed berth runs it.
  berth = await startBerthEngine({ entry: cli });
  const image = await ensureBusyboxImage(berth);
  if ((await ensureBusyboxImage(docker)) !== image) throw new Error('the engines name the busybox fixture differently');

  const projects: BenchProject[] = [];
  for (const count of sizes) for (const shape of ['fan', 'chain'] as const) projects.push(generatedStack(workspace, shape, count, image));
  const copies = join(workspace, 'examples');
  mkdirSync(copies);
  for (const name of examples) projects.push(exampleCopy(copies, name));
  const images = [...new Set(projects.flatMap((project) => project.images))];
  if (images.length > 0) {
    registry = await startRegistry();
    for (const engine of [berth, docker]) await provideExampleImages(engine, registry, images);
  }

  const berthCli = (engine: TestEngine): string[] => [cli, '-H', formatEndpoint(engine.endpoint), '--progress', 'plain'];
  const berthEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', BERTH_NO_AUTOSTART: '1', DOCKER_HOST: undefined, NODE_OPTIONS: undefined };
  const dockerSocket = docker.endpoint.kind === 'unix' ? docker.endpoint.socketPath : '';
  const tools: Tool[] = [
    { key: 'berth', engine: berth, command: process.execPath, prefix: berthCli(berth), env: berthEnv },
    { key: 'compose', engine: docker, command: 'docker-compose', prefix: [], env: { ...process.env, DOCKER_HOST: `unix://${dockerSocket}` } },
    ...(cross ? [{ key: 'cross', engine: docker, command: process.execPath, prefix: berthCli(docker), env: berthEnv } as Tool] : []),
  ];
  // Published ports: one free port per variable and tool, the same for every run.
  const environments = new Map<string, Record<string, string>>();
  for (const project of projects) {
    for (const tool of tools) {
      const env: Record<string, string> = {};
      for (const { variable, width } of project.ports) env[variable] = await freePorts(width);
      environments.set(`${project.id} ${tool.key}`, env);
    }
  }

  /** One cycle, recorded (or not, for a warm-up); a failure takes the tool out of the project, with the reason. */
  const attempt = async (tool: Tool, project: BenchProject, record: boolean): Promise<void> => {
    const key = `${project.id} ${tool.key}`;
    if (failures.has(key)) return;
    try {
      const times = await cycle(tool, project, environments.get(key)!);
      if (record) for (const step of steps) results.set(`${key} ${step.key}`, [...(results.get(`${key} ${step.key}`) ?? []), times[step.key]]);
    } catch (error) {
      if (!(error instanceof CommandFailed) || interrupted) throw error;
      failures.set(key, `${record ? 'run' : 'warm-up'}: ${error.message}`);
      await timed(tool, ['-p', projectName(project, tool), '-f', 'compose.yaml', 'down', '-v'], project.directory, environments.get(key)!).catch(() => undefined);
    }
  };

  console.log(`engines up (load ${load()}); ${runs} timed runs of each step per project and tool`);
  for (const project of projects) {
    const started = load();
    // An untimed cycle first, on the first stack and each example: page cache, the engines' first container of an image, Node's compile cache.
    if (project === projects[0] || project.images.length > 0) for (const tool of tools) await attempt(tool, project, false);
    for (let run = 0; run < runs; run++) {
      for (const tool of [...tools.slice(run % tools.length), ...tools.slice(0, run % tools.length)]) await attempt(tool, project, true);
    }
    loads.set(project.id, `${started}→${load()}`);
    console.log(`  ${project.id}: done (load ${loads.get(project.id)})`);
  }

  const median = (values: number[] | undefined): number => (values?.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : Number.NaN);
  const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '—');
  const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '—');
  const version = composeVersion.stdout.trim();
  console.log(`\nCompose up/down, median of ${runs} in ms (${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, 1-min load at each project's start→end)`);
  console.log(`berth = berth's CLI on berth's engine (daemon from dist); docker = docker-compose ${version} on dockerd 20.10${cross ? '; berth CLI on dockerd = berth\'s CLI on the same dockerd' : ''}`);
  console.log(`| project | step | berth | docker | berth/docker |${cross ? ' berth CLI on dockerd | CLI on dockerd/docker |' : ''} load |`);
  console.log(`| --- | --- | --- | --- | --- |${cross ? ' --- | --- |' : ''} --- |`);
  for (const project of projects) {
    for (const step of steps) {
      const [b, d, c] = (['berth', 'compose', 'cross'] as const).map((tool) => median(results.get(`${project.id} ${tool} ${step.key}`)));
      const crossCells = cross ? ` ${ms(c!)} | ${ratio(c!, d!)} |` : '';
      console.log(`| ${project.id} (${project.containers}) | ${step.label} | ${ms(b!)} | ${ms(d!)} | ${ratio(b!, d!)} |${crossCells} ${loads.get(project.id) ?? ''} |`);
    }
  }
  console.log('\nall runs (ms):');
  for (const [key, times] of results) console.log(`  ${key}: ${times.map(ms).join(', ')}`);
} finally {
  for (const [name, reason] of skipped) console.log(`example ${name}: skipped, ${reason}`);
  for (const [key, reason] of failures) console.log(`${key}: FAILED (${reason})`);
  await cleanUp();
}
