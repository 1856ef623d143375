// Image builds on berth's engine beside Docker's classic builder on Docker's engine, in the same
// run (issue 9's figures): a no-change rebuild of a 10-step Dockerfile (target under 300 ms) and a
// rebuild after one source file changed.
// The context: a Dockerfile FROM the busybox fixture image (ENV, WORKDIR, COPY of the package
// files, RUN, COPY src/, RUN, LABEL, EXPOSE, CMD), two package files and a few dozen small source
// files. Both engines get the same builds from the same client, the real docker CLI on PATH with
// DOCKER_BUILDKIT=0 (`docker -H unix://... build --network none`): berth's daemon from dist (`node
// bin/berth.js daemon`, what an installed berth runs; a copy of dist taken at the start, so that a
// rebuild meanwhile changes nothing under the bench; on the test harness's private directories,
// socket, bridge and address pool) and Debian's dockerd on its own socket (the harness's: no
// default bridge, no iptables). Both build with `--network none`: the RUN steps need no network,
// and so neither engine's network set-up per RUN container is in the figures (dockerd would run
// them on its default network too, warning that IPv4 forwarding is off; berth would put each on its
// default bridge). For each engine: the first build (cold, reported, not the target), then N
// no-change rebuilds (median, p90), then N rebuilds each after one file under src/ changed (the
// late `COPY src/` sees it; steps 2-5 come from the cache, 6-10 run). Builds alternate between the
// engines, so both see the same machine. Each build's time is the CLI's wall time, from spawn to
// exit (context upload included); the per-step table splits it by the time each `Step k/10` line
// reached the CLI's output. Then the same with berth's own client, `node bin/berth.js build` on a
// compose file whose service builds `.` (with `network: none`), on both engines, when this berth
// has the command (a row is skipped, saying why, when it says "not built yet" or fails); compose's
// own labels add steps (berth: one LABEL step with no `Step` line; dockerd: a `Step` per label).
// Asserts nothing. Needs root, a built dist (npm run build) and what the integration tests need
// (runc, conmon, docker.io, busybox-static). Removes the context, both engines (their images, build
// caches, bridges and chains) and says what, if anything, it found left behind.
// Set BENCH_BUILD_OUTPUT=<directory> to keep each build's output there.
// Usage: node --import tsx bench/build.ts [runs=10]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineEndpoint } from '../src/api/endpoint.js';
import { cleanUpOnInterrupt, requireRootAndBundle } from './bench-process.js';
import { snapshotBerth } from './bundled-berth.js';
import { startBerthEngine, type BerthTestEngine } from '../test/harness/berth-engine.js';
import { startDockerEngine, type DockerTestEngine } from '../test/harness/docker-engine.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';
import { bridgesWithAddressIn, listBridges } from '../test/harness/host-bridges.js';

const [runs = 10] = process.argv.slice(2).map(Number);
const repository = fileURLToPath(new URL('..', import.meta.url));
const targetMs = 300;
const buildTimeoutMs = 300_000;
const tag = 'buildbench:latest';
const project = 'buildbench';
/** The file the one-file-changed rebuilds rewrite: only `COPY src/ ./src/` (step 6) sees it. */
const changedFile = 'src/lib/module-07.js';
/** A directory to keep every build's output in (`<client>-<engine>-<phase>-<n>.log`), to see what a figure came from. */
const outputDirectory = process.env.BENCH_BUILD_OUTPUT;

requireRootAndBundle('bench/build.ts', { bundle: true });

// ── the context ────────────────────────────────────────────────────────────────────────────────

const dockerfile = (base: string): string => `FROM ${base}
ENV APP_HOME=/app APP_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN mkdir -p node_modules/.bin && sed -n 's/.*"version": "\\(.*\\)".*/\\1/p' package.json > node_modules/.installed
COPY src/ ./src/
RUN find src -type f -name '*.js' | sort | xargs cat | md5sum > build.sum && ls -R src | wc -l
LABEL org.opencontainers.image.title=buildbench org.opencontainers.image.version=1.0.0
EXPOSE 8080
CMD ["sh", "-c", "cat /app/build.sum"]
`;

/** About 1 KB of JavaScript, different for each name and revision. */
function moduleText(name: string, revision = 'initial'): string {
  const lines = [`// ${name}, revision ${revision}`, `export const name = '${name}';`, `export const revision = '${revision}';`];
  for (let index = 0; index < 12; index += 1) lines.push(`export function step${index}(value) { return value * ${index + 1} + name.length + revision.length; }`);
  return `${lines.join('\n')}\n`;
}

/** Writes the context; returns how many files are under src/ and their total size. */
function writeContext(directory: string, base: string): { files: number; bytes: number } {
  const sources = [
    'src/index.js',
    'src/config.js',
    ...Array.from({ length: 24 }, (_, index) => `src/lib/module-${String(index).padStart(2, '0')}.js`),
    ...Array.from({ length: 10 }, (_, index) => `src/routes/route-${String(index).padStart(2, '0')}.js`),
    ...Array.from({ length: 4 }, (_, index) => `src/views/view-${index}.html`),
  ];
  let bytes = 0;
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  };
  for (const path of sources) {
    const text = path.endsWith('.html') ? `<main><h1>${path}</h1>${'<p>lorem ipsum dolor sit amet</p>'.repeat(20)}</main>\n` : moduleText(path);
    bytes += Buffer.byteLength(text);
    write(path, text);
  }
  write('Dockerfile', dockerfile(base));
  write('package.json', `${JSON.stringify({ name: project, version: '1.0.0', main: 'src/index.js', dependencies: {} }, null, 2)}\n`);
  write('package-lock.json', `${JSON.stringify({ name: project, version: '1.0.0', lockfileVersion: 3, requires: true, packages: {} }, null, 2)}\n`);
  write('.dockerignore', 'compose.yaml\n');
  // JSON is YAML. `build: .` with the network both engines' RUN steps get from the docker CLI rows.
  write('compose.yaml', `${JSON.stringify({ name: project, services: { app: { build: { context: '.', network: 'none' } } } }, null, 2)}\n`);
  return { files: sources.length, bytes };
}

// ── one build ──────────────────────────────────────────────────────────────────────────────────

interface BuildRun {
  ms: number;
  /** Milliseconds from the spawn to each `Step k/n` line (k from 1), and to the end of the output. */
  stepAt: number[];
  endAt: number;
  steps: number;
  /** How many steps said ` ---> Using cache` (a line of it outside a step, as berth writes for the build's own labels, does not count). */
  cached: number;
  /** Every line the client wrote, stdout and stderr as they came. */
  output: string[];
}

class BuildFailed extends Error {}

/** Runs a build client to its exit, timing each step line of its output (stdout and stderr both). */
function timedBuild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const output: string[] = [];
    const run: BuildRun = { ms: 0, stepAt: [], endAt: 0, steps: 0, cached: 0, output };
    const cachedSteps = new Set<number>();
    let step = 0;
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), buildTimeoutMs);
    const read = (stream: NodeJS.ReadableStream): void => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const at = performance.now() - started;
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          output.push(line);
          const header = /Step (\d+)\/(\d+) : /.exec(line);
          if (header) {
            step = Number(header[1]);
            run.stepAt[step - 1] = at;
            run.steps = Number(header[2]);
          } else if (line.includes('---> ') && !line.includes('---> Using cache')) {
            step = 0; // the step's id (or its container): what follows belongs to no step until the next header
          }
          if (line.includes('---> Using cache') && step > 0) cachedSteps.add(step);
          run.cached = cachedSteps.size;
          if (/Successfully built|Successfully tagged|^sha256:/.test(line)) run.endAt ||= at;
        }
      });
    };
    read(child.stdout);
    read(child.stderr);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.ms = performance.now() - started;
      run.endAt ||= run.ms;
      if (code === 0) return resolve(run);
      const tail = output.filter((line) => line.trim() !== '').slice(-12).join('\n    ');
      reject(new BuildFailed(`\`${[command, ...args].join(' ')}\` in ${options.cwd} ${signal ? `was killed by ${signal}` : `exited with ${code}`}:\n    ${tail}`));
    });
  });
}

// ── the engines and the clients ────────────────────────────────────────────────────────────────

type EngineName = 'berth' | 'docker';
const engineNames: EngineName[] = ['berth', 'docker'];
type Client = 'docker' | 'berth';

function socketOf(endpoint: EngineEndpoint): string {
  if (endpoint.kind !== 'unix') throw new Error('the harness engines listen on UNIX sockets');
  return endpoint.socketPath;
}

function clientEnvironment(client: Client, socket: string, configDirectory: string): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDirectory, DOCKER_CLI_HINTS: 'false', DOCKER_BUILDKIT: '0' };
  delete environment.DOCKER_HOST;
  delete environment.DOCKER_CONTEXT;
  if (client === 'berth') {
    Object.assign(environment, { DOCKER_HOST: `unix://${socket}`, BERTH_NO_AUTOSTART: '1' });
    delete environment.CI;
    delete environment.NODE_OPTIONS;
  }
  return environment;
}

function build(client: Client, socket: string, context: string, configDirectory: string): Promise<BuildRun> {
  const env = clientEnvironment(client, socket, configDirectory);
  if (client === 'docker') return timedBuild('docker', ['-H', `unix://${socket}`, 'build', '--network', 'none', '-t', tag, '.'], { cwd: context, env });
  return timedBuild(process.execPath, [berthCli, '--progress', 'plain', 'build'], { cwd: context, env });
}

// ── the measures ───────────────────────────────────────────────────────────────────────────────

type Phase = 'first' | 'unchanged' | 'changed';
const phases: Phase[] = ['first', 'unchanged', 'changed'];
type Results = Record<EngineName, Record<Phase, BuildRun[]>>;
const emptyResults = (): Results => ({ berth: { first: [], unchanged: [], changed: [] }, docker: { first: [], unchanged: [], changed: [] } });

/** The upper median, as the other benches take it. */
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
/** Nearest rank. */
const p90 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.9) - 1)] ?? Number.NaN;

/**
 * The first build, `runs` no-change rebuilds and `runs` rebuilds after one file changed, with one
 * client on both engines, alternating which engine goes first. A client that fails on an engine
 * loses that engine's column (the reason is kept); the other engine goes on.
 */
async function measure(client: Client, sockets: Record<EngineName, string>, context: string, configDirectory: string, failures: Map<string, string>): Promise<Results> {
  const results = emptyResults();
  const live = new Set(engineNames);
  const once = async (phase: Phase, order: EngineName[]): Promise<void> => {
    for (const engine of order) {
      if (!live.has(engine)) continue;
      try {
        const run = await build(client, sockets[engine], context, configDirectory);
        results[engine][phase].push(run);
        if (outputDirectory) writeFileSync(join(outputDirectory, `${client}-${engine}-${phase}-${results[engine][phase].length}.log`), `${run.output.join('\n')}\n`);
      } catch (error) {
        if (!(error instanceof BuildFailed)) throw error;
        live.delete(engine);
        failures.set(`${client} client → ${engine}`, error.message);
      }
    }
  };
  const order = (index: number): EngineName[] => (index % 2 === 0 ? engineNames : [...engineNames].reverse());
  await once('first', order(0));
  for (let index = 0; index < runs; index += 1) await once('unchanged', order(index));
  for (let index = 0; index < runs; index += 1) {
    // A new revision each time: no earlier build has seen these bytes, on either engine.
    writeFileSync(join(context, changedFile), moduleText(changedFile, `${client}-client-${index}`));
    await once('changed', order(index));
  }
  return results;
}

// ── the report ─────────────────────────────────────────────────────────────────────────────────

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '—');
const cell = (text: string, width = 13): string => text.padStart(width);

function printClientTable(title: string, results: Results): void {
  console.log(`${title.padEnd(44)}${cell('berth')}${cell('docker')}${cell('berth/docker')}`);
  const row = (label: string, value: (runs: BuildRun[]) => number, phase: Phase, format = ms): void => {
    const berth = value(results.berth[phase]);
    const docker = value(results.docker[phase]);
    const ratio = berth / docker;
    console.log(`${`  ${label}`.padEnd(44)}${cell(format(berth))}${cell(format(docker))}${cell(Number.isFinite(ratio) ? ratio.toFixed(2) : '—')}`);
  };
  const times = (all: BuildRun[]): number[] => all.map((run) => run.ms);
  row('first build (cold), ms', (all) => median(times(all)), 'first');
  row(`no-change rebuild, median of ${runs}, ms`, (all) => median(times(all)), 'unchanged');
  row(`no-change rebuild, p90, ms`, (all) => p90(times(all)), 'unchanged');
  row(`no-change rebuild, min, ms`, (all) => Math.min(...times(all)), 'unchanged');
  row(`no-change rebuild, max, ms`, (all) => Math.max(...times(all)), 'unchanged');
  row(`one file changed, median of ${runs}, ms`, (all) => median(times(all)), 'changed');
  row(`one file changed, p90, ms`, (all) => p90(times(all)), 'changed');
  const cachedText = (all: BuildRun[]): string => {
    const counts = [...new Set(all.map((run) => `${run.cached}/${Math.max(0, run.steps - 1)}`))];
    return counts.length === 0 ? '—' : counts.join(' ');
  };
  for (const phase of phases) {
    const label = { first: 'first', unchanged: 'no change', changed: 'changed' }[phase];
    console.log(`${`  steps from the cache (${label})`.padEnd(44)}${cell(cachedText(results.berth[phase]))}${cell(cachedText(results.docker[phase]))}`);
  }
  for (const engine of engineNames) {
    const list = (phase: Phase): string => results[engine][phase].map((run) => ms(run.ms)).join(' ');
    console.log(`  each run on ${engine}, ms: no change ${list('unchanged') || '—'}; changed ${list('changed') || '—'}`);
  }
}

/**
 * Median milliseconds between the marks of each build's output: the spawn, each `Step k/n` line,
 * the first `Successfully built` line and the exit. A mark the output lacks gives no figure.
 */
function printSteps(title: string, results: Results, instructions: string[]): void {
  const segment = (run: BuildRun, index: number): number => {
    const marks = [0, ...Array.from({ length: instructions.length }, (_, step) => run.stepAt[step]), run.endAt, run.ms];
    const [start, end] = [marks[index], marks[index + 1]];
    return start === undefined || end === undefined ? Number.NaN : end - start;
  };
  const columns = phases.flatMap((phase) => engineNames.map((engine) => ({ engine, phase })));
  const label = (phase: Phase): string => ({ first: 'first', unchanged: 'same', changed: 'changed' })[phase];
  console.log(`${`per step, ${title}, median ms`.padEnd(64)}${columns.map(({ engine, phase }) => cell(`${engine} ${label(phase)}`, 15)).join('')}`);
  const labels = ['(CLI start, context upload: to Step 1)', ...instructions.map((text, index) => `${index + 1} ${text}`), '(Successfully built to exit)'];
  labels.forEach((text, index) => {
    const values = columns.map(({ engine, phase }) => cell(ms(median(results[engine][phase].map((run) => segment(run, index)).filter(Number.isFinite))), 15));
    console.log(`  ${(text.length > 62 ? `${text.slice(0, 61)}…` : text).padEnd(62)}${values.join('')}`);
  });
}

function targetLine(label: string, results: Results | undefined): string {
  const value = results ? median(results.berth.unchanged.map((run) => run.ms)) : Number.NaN;
  if (!Number.isFinite(value)) return `  ${label}: no figure`;
  return `  ${label}: berth's no-change rebuild median ${ms(value)} ms — ${value < targetMs ? 'met' : `NOT met (${(value / targetMs).toFixed(2)}× the target)`}`;
}

// ── clean-up and leftovers ─────────────────────────────────────────────────────────────────────

function chainsAndRules(): string[] {
  try {
    return execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter((line) => line.startsWith(':') || line.startsWith('-A'));
  } catch {
    return [];
  }
}

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');
const workDirectory = mkdtempSync(join(tmpdir(), 'berth-bench-build-'));
/** The copy of bin/berth.js the daemon and the CLI rows run (snapshotBerth). */
let berthCli = '';
const context = join(workDirectory, 'app');
const configDirectory = join(workDirectory, 'docker-config');
mkdirSync(configDirectory);
if (outputDirectory) mkdirSync(outputDirectory, { recursive: true });
let berth: BerthTestEngine | undefined;
let docker: DockerTestEngine | undefined;
let cleaning: Promise<void> | undefined;

/** Stops both engines (the harness removes their containers, images, caches, bridges and chains) and the context. Runs once. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    const stopped = await Promise.allSettled([berth?.stop(), docker?.stop()]);
    for (const outcome of stopped) if (outcome.status === 'rejected') console.error(`clean-up: ${String(outcome.reason)}`);
    rmSync(workDirectory, { recursive: true, force: true });
  })();
  return cleaning;
}

cleanUpOnInterrupt(cleanUp);

/** What the engines of this run own on the host, to look for after the clean-up. */
let ours: { bridge: string; chainPrefix: string; addressPrefixes: string[]; directories: string[] } | undefined;
try {
  berthCli = snapshotBerth(repository, join(workDirectory, 'berth'));
  docker = await startDockerEngine();
  // berth's daemon from the copy, as an installed berth runs it, on the harness's directories.
  berth = await startBerthEngine({ entry: berthCli });
  // `10.N.`: each engine's leased address pool, so the bridges of other engines running meanwhile are not counted.
  const berthPool = /^(10\.\d+\.)/.exec(berth.setup.config['default-address-pools'][0]?.base ?? '')?.[1];
  const dockerPool = readFileSync(join(docker.directory, 'address-prefix'), 'utf8').trim();
  ours = {
    bridge: berth.setup.config.bridge,
    chainPrefix: berth.setup.config['berth-chain-prefix'],
    addressPrefixes: [berthPool, dockerPool].filter((prefix): prefix is string => prefix !== undefined && /^10\.\d+\.$/.test(prefix)),
    directories: [docker.directory, berth.directory, workDirectory],
  };

  const base = await ensureBusyboxImage(berth);
  if ((await ensureBusyboxImage(docker)) !== base) throw new Error('the engines name the busybox fixture differently');
  const { files, bytes } = writeContext(context, base);
  const sockets: Record<EngineName, string> = { berth: socketOf(berth.endpoint), docker: socketOf(docker.endpoint) };
  const instructions = dockerfile(base).trimEnd().split('\n');
  const loads = [load()];

  const failures = new Map<string, string>();
  const viaDocker = await measure('docker', sockets, context, configDirectory, failures);
  loads.push(load());
  const viaBerth = await measure('berth', sockets, context, configDirectory, failures);
  loads.push(load());

  const dockerVersion = execFileSync('docker', ['--version'], { encoding: 'utf8' }).trim();
  console.log(`image builds: a 10-step Dockerfile FROM ${base}, ${files} files under src/ (${(bytes / 1024).toFixed(0)} KiB); one file changed = ${changedFile}`);
  console.log(`berth: its daemon from dist; docker: Debian's dockerd 20.10 (classic builder); client: ${dockerVersion}, DOCKER_BUILDKIT=0, --network none`);
  printClientTable('docker build (docker CLI)', viaDocker);
  const berthClientRan = phases.some((phase) => engineNames.some((engine) => viaBerth[engine][phase].length > 0));
  if (berthClientRan) printClientTable('berth build (berth CLI, compose build: .)', viaBerth);
  else console.log('berth build (berth CLI): skipped, see below');
  for (const [which, reason] of failures) {
    const notBuilt = reason.includes('berth build: not built yet');
    console.log(`${which}: ${notBuilt ? 'skipped, `berth build` says it is not built yet' : 'failed'}${notBuilt ? '' : `\n  ${reason}`}`);
  }
  console.log(`target (issue 9): a no-change rebuild of a 10-step Dockerfile under ${targetMs} ms`);
  console.log(targetLine('docker CLI on berth', viaDocker));
  if (berthClientRan) console.log(targetLine('berth build on berth', viaBerth));
  const shortInstructions = instructions.map((line) => line.replace(base, 'busybox'));
  printSteps('docker CLI', viaDocker, shortInstructions);
  if (berthClientRan) {
    // compose's labels: berth's last LABEL step has no `Step` line, dockerd's are steps 11-13; both fall in step 10's row.
    printSteps('berth CLI', viaBerth, shortInstructions.map((line, index) => (index === shortInstructions.length - 1 ? `${line} + compose's labels` : line)));
  }
  console.log(`load average (1, 5, 15 min) before, between the clients, after: ${loads.join(' → ')}; ${cpus().length} CPUs`);
  const complaints = readFileSync(berth.setup.logPath, 'utf8').split('\n').filter((line) => /\b(warn|warning|error|fatal)\b/i.test(line));
  console.log(`berth's daemon log: ${complaints.length} warning or error lines${complaints.length > 0 ? `, the first:\n  ${complaints.slice(0, 5).join('\n  ')}` : ''}`);
} finally {
  await cleanUp();
  if (ours) {
    const { bridge, chainPrefix, addressPrefixes, directories } = ours;
    const bridges = new Set(addressPrefixes.flatMap((prefix) => bridgesWithAddressIn(prefix)));
    if (listBridges().has(bridge)) bridges.add(bridge);
    const left = [
      ...[...bridges].map((name) => `bridge ${name}`),
      ...chainsAndRules().filter((line) => line.includes(chainPrefix)).map((line) => `iptables ${line}`),
      ...directories.filter((directory) => existsSync(directory)).map((directory) => `directory ${directory}`),
    ];
    const looked = `bridge ${bridge} and any with an address in ${addressPrefixes.map((prefix) => `${prefix}0.0/16`).join(' or ')}, iptables chains ${chainPrefix}*, the engines' and the context's directories`;
    console.log(left.length === 0 ? `clean-up: nothing left behind (${looked})` : `clean-up: left behind:\n  ${left.join('\n  ')}`);
  }
}
