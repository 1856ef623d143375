// The terminal UI under a flood of logs (issue 8's two figures), with the real CLI drawing on a
// real terminal: `node bin/berth.js up` (dist/bundle) in a tmux pane 120×40, on berth's engine
// (the test harness's daemon, from the sources) on a private socket, against a project whose one
// service writes N lines of 80 bytes as fast as busybox awk can, then sleeps.
// 1. throughput: lines per second the UI took in, from the first container line on its screen to
//    the last one (the screen is read with capture-pane every 50 ms; the UI redraws every 50 ms),
//    and the CPU the berth CLI process used meanwhile (utime+stime from /proc, in cores), beside
//    the daemon's CPU in the same window. For comparison, the same container's output as the
//    engine gives it: the rate the container wrote it (its first and last line's timestamps), the
//    daemon serving it all over the API (follow=1&timestamps=1, as the UI asks, stopped after the
//    N-th line; and without follow), and `berth logs writer` to /dev/null. UI/engine near 1 means
//    the UI keeps up with what the engine can give it. Then the target's rate paced (a batch every
//    50 ms): the UI's CPU when it keeps up rather than when it is the limit.
// 2. memory: VmRSS and VmHWM of the berth CLI process idle (the stack up, no output), after
//    100,000 lines and after N (the logs panel keeps the last 10,000 lines by design).
// Target (issue 8): above 20,000 lines/s with the UI under one core. Asserts nothing. Needs root,
// tmux, a built dist (npm run build) and what the integration tests need (runc, conmon,
// busybox-static). Set BENCH_CPU_PROF=<directory> to write a V8 CPU profile of each UI process
// there (node --cpu-prof: it slows the UI, so the figures of such a run are not the
// UI's own). Removes the project, the tmux server and the engine.
// Usage: node --import tsx bench/tui-logs.ts [lines=500000] [rssLines=100000] [rounds=2] [pacedRate=20000] [pacedSeconds=10]
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireRootAndBundle } from './bench-process.js';
import { startBerthEngine, type BerthTestEngine } from '../test/harness/berth-engine.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';

const [lines = 500_000, rssLines = 100_000, rounds = 2, pacedRate = 20_000, pacedSeconds = 10] = process.argv.slice(2).map(Number);
const repository = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repository, 'bin', 'berth.js');
const project = 'tuibench';
const service = 'writer';
const session = 'bench';
const pollMs = 50;
const settleMs = 1_500;
const drawTimeoutMs = 300_000;
const profileDirectory = process.env.BENCH_CPU_PROF;
const ticksPerSecond = 100; // CLK_TCK on Linux
const run = promisify(execFile);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

requireRootAndBundle('bench/tui-logs.ts', { bundle: true });

// ── the project ────────────────────────────────────────────────────────────────────────────────

/** 80 bytes a line with its newline: `line 0000042 ` and a fixed text. */
const filler = 'the quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopq';

/** Lines a paced writer writes at a time, 20 times a second. */
const pacedBatch = (perSecond: number): number => Math.max(1, Math.round(perSecond / 20));

function writerScript(count: number, pacedRate?: number): string {
  // awk writes through stdio into the container's pipe: full buffers, as fast as the engine takes them.
  if (count === 0) return 'exec sleep 100000';
  if (pacedRate === undefined) return `awk 'BEGIN { for (i = 0; i < ${count}; i++) printf "line %07d ${filler}\\n", i }'; exec sleep 100000`;
  // A batch every 50 ms (plus awk's own time: the rate comes out a little under pacedRate; the table gives the real one).
  const batch = pacedBatch(pacedRate);
  const batches = Math.ceil(count / batch);
  return `i=0; while [ $$i -lt ${batches} ]; do awk -v b=$$i 'BEGIN { for (j = 0; j < ${batch}; j++) printf "line %07d ${filler}\\n", b * ${batch} + j }'; i=$$((i + 1)); usleep 50000; done; exec sleep 100000`;
}

function writeProject(directory: string, count: number, image: string, pacedRate?: number): void {
  const script = writerScript(count, pacedRate);
  // JSON is YAML; no `$` in the script, so compose's interpolation leaves it alone.
  const compose = { name: project, services: { [service]: { image, network_mode: 'none', stop_signal: 'SIGKILL', command: ['sh', '-c', script] } } };
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'compose.yaml'), `${JSON.stringify(compose, null, 2)}\n`);
}

// ── processes ──────────────────────────────────────────────────────────────────────────────────

/** utime+stime of a process, or of one of its threads with `thread`. */
function cpuTicks(pid: number, thread?: number): number {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
}

function memoryKb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`);

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // gone already
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** The bench's own tmux server, its socket in the work directory (removed with it). */
const tmux = async (...args: string[]): Promise<string> => (await run('tmux', ['-S', tmuxSocket, '-f', '/dev/null', ...args])).stdout;

function berthEnvironment(engine: BerthTestEngine): NodeJS.ProcessEnv {
  if (engine.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
  const environment: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${engine.endpoint.socketPath}`, BERTH_NO_AUTOSTART: '1' };
  delete environment.CI;
  delete environment.NODE_OPTIONS;
  return environment;
}

async function berth(engine: BerthTestEngine, directory: string, args: string[]): Promise<void> {
  await run(process.execPath, [cli, ...args], { cwd: directory, env: berthEnvironment(engine), maxBuffer: 64 * 1024 * 1024 });
}

/** Seconds `berth <args>` takes with its output thrown away. */
async function timedBerthToNull(engine: BerthTestEngine, directory: string, args: string[]): Promise<number> {
  const sink = openSync('/dev/null', 'w');
  try {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: directory, env: berthEnvironment(engine), stdio: ['ignore', sink, 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`berth ${args.join(' ')} exited with ${code}`))));
    });
    return (performance.now() - started) / 1000;
  } finally {
    closeSync(sink);
  }
}

// ── the engine's side ──────────────────────────────────────────────────────────────────────────

interface EngineRead {
  seconds: number;
  lines: number;
  first?: string;
  last?: string;
}

/** Reads a container's logs over the API, demultiplexing the frames, until `stopAfter` lines or the end. */
function readEngineLogs(engine: BerthTestEngine, id: string, query: string, stopAfter: number): Promise<EngineRead> {
  if (engine.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
  const socketPath = engine.endpoint.socketPath;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const result: EngineRead = { seconds: 0, lines: 0 };
    let pending: Buffer = Buffer.alloc(0);
    let partial = '';
    const finish = (): void => {
      result.seconds = (performance.now() - started) / 1000;
      resolve(result);
    };
    const call = request({ socketPath, path: `/v1.41/containers/${id}/logs?${query}`, method: 'GET' }, (answer) => {
      if (answer.statusCode !== 200) return reject(new Error(`logs answered ${answer.statusCode}`));
      answer.on('data', (chunk: Buffer) => {
        pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        let offset = 0;
        while (pending.length - offset >= 8) {
          const size = pending.readUInt32BE(offset + 4);
          if (pending.length - offset - 8 < size) break;
          const text = partial + pending.toString('utf8', offset + 8, offset + 8 + size);
          offset += 8 + size;
          const pieces = text.split('\n');
          partial = pieces.pop() ?? '';
          for (const piece of pieces) {
            result.first ??= piece;
            result.last = piece;
            result.lines += 1;
          }
          if (result.lines >= stopAfter) {
            answer.destroy();
            return finish();
          }
        }
        pending = pending.subarray(offset);
      });
      answer.on('end', finish);
      answer.on('error', reject);
    });
    call.on('error', reject);
    call.end();
  });
}

async function containerId(engine: BerthTestEngine): Promise<string> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`] }));
  const read = await readJson(engine, `/v1.41/containers/json?all=1&filters=${filters}`);
  const [first] = read as { Id: string }[];
  if (!first) throw new Error(`no container of ${project}-${service}`);
  return first.Id;
}

function readJson(engine: BerthTestEngine, path: string): Promise<unknown> {
  if (engine.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
  const socketPath = engine.endpoint.socketPath;
  return new Promise((resolve, reject) => {
    const call = request({ socketPath, path, method: 'GET' }, (answer) => {
      let body = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => (body += chunk));
      answer.on('end', () => (answer.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${path} answered ${answer.statusCode}: ${body}`))));
    });
    call.on('error', reject);
    call.end();
  });
}

const timestampSeconds = (line: string | undefined): number => {
  // RFC 3339 with nanoseconds; Date keeps milliseconds, enough over seconds.
  const stamp = line?.split(' ', 1)[0] ?? '';
  const fraction = /\.(\d+)/.exec(stamp)?.[1] ?? '0';
  return Date.parse(stamp.replace(/\.\d+/, '')) / 1000 + Number(`0.${fraction}`);
};

// ── one UI run ─────────────────────────────────────────────────────────────────────────────────

interface UiRun {
  count: number;
  /** Seconds from the first container line on screen to the last. */
  drawSeconds: number;
  uiCpuSeconds: number;
  /** The UI's main thread alone (JavaScript runs there; GC helpers and libuv's pool are the rest). */
  uiMainCpuSeconds: number;
  daemonCpuSeconds: number;
  /** Seconds from the UI's start to its first container line on screen. */
  firstLineAfter: number;
  /** The highest line number on screen at the end, and the dropped count the title showed. */
  lastSeen: number;
  dropped: number;
  timedOut: boolean;
  memory: { rss: number; hwm: number };
  follow?: EngineRead;
  /** The daemon's CPU seconds while it served `follow` alone. */
  followDaemonCpuSeconds?: number;
  /** The whole log without follow: its first and last timestamps give the rate the container wrote at. */
  whole?: EngineRead;
  cliLogsSeconds?: number;
}

interface Screen {
  highest: number;
  dropped: number;
  started: boolean;
  text: string;
}

async function readScreen(): Promise<Screen> {
  const text = await tmux('capture-pane', '-p', '-t', session);
  let highest = -1;
  for (const match of text.matchAll(/line (\d{7}) the quick/g)) highest = Math.max(highest, Number(match[1]));
  const dropped = Number((/([\d,]+) older lines dropped/.exec(text)?.[1] ?? '0').replaceAll(',', ''));
  return { highest, dropped, started: text.includes('── started ──'), text };
}

async function uiRun(engine: BerthTestEngine, directory: string, image: string, count: number, options: { pacedRate?: number; measureEngine?: boolean } = {}): Promise<UiRun> {
  writeProject(directory, count, image, options.pacedRate);
  const environment = berthEnvironment(engine);
  // Node 20 refuses --cpu-prof in NODE_OPTIONS: it goes on the command line.
  const profile = profileDirectory ? `--cpu-prof --cpu-prof-dir='${profileDirectory}' ` : '';
  // The pane's shell stays after the CLI exits, so a failure's last words stay on screen for the report.
  const command = `cd '${directory}' && env -u CI DOCKER_HOST='${environment.DOCKER_HOST}' BERTH_NO_AUTOSTART=1 '${process.execPath}' ${profile}'${cli}' up; echo "berth exited with $?"; sleep 100000`;
  const launched = performance.now();
  await tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
  const shell = Number((await tmux('display-message', '-p', '-t', session, '#{pane_pid}')).trim());
  let pid = -1;
  for (const deadline = Date.now() + 10_000; pid < 0 && Date.now() < deadline; await sleep(10)) {
    pid = childrenOf(shell).find((child) => commandLine(child).includes('berth.js')) ?? -1;
  }
  if (pid < 0) throw new Error(`the berth CLI did not start in the tmux pane:\n${(await readScreen()).text}`);
  const daemon = engine.daemon().pid;

  type Sample = { at: number; ui: number; main: number; daemon: number };
  let first: Sample | undefined;
  let last: Sample | undefined;
  let screen: Screen = { highest: -1, dropped: 0, started: false, text: '' };
  const deadline = Date.now() + drawTimeoutMs;
  for (;;) {
    if (!alive(pid)) throw new Error(`the berth CLI exited early:\n${(await readScreen()).text}`);
    const sample: Sample = { at: performance.now(), ui: cpuTicks(pid), main: cpuTicks(pid, pid), daemon: cpuTicks(daemon) };
    screen = await readScreen();
    if (!first && (screen.highest >= 0 || (count === 0 && screen.started))) first = sample;
    if (first && screen.highest >= count - 1) {
      last = sample;
      break;
    }
    if (Date.now() > deadline) break;
    await sleep(pollMs);
  }
  const timedOut = !last;
  const end = last ?? { at: performance.now(), ui: cpuTicks(pid), main: cpuTicks(pid, pid), daemon: cpuTicks(daemon) };
  const start = first ?? end;
  await sleep(settleMs);
  const result: UiRun = {
    count,
    drawSeconds: (end.at - start.at) / 1000,
    uiCpuSeconds: (end.ui - start.ui) / ticksPerSecond,
    uiMainCpuSeconds: (end.main - start.main) / ticksPerSecond,
    daemonCpuSeconds: (end.daemon - start.daemon) / ticksPerSecond,
    firstLineAfter: (start.at - launched) / 1000,
    lastSeen: screen.highest,
    dropped: screen.dropped,
    timedOut,
    memory: memoryKb(pid),
  };

  if (count > 0) {
    const id = await containerId(engine);
    result.whole = await readEngineLogs(engine, id, 'stdout=1&stderr=1&timestamps=1', Number.POSITIVE_INFINITY);
    if (options.measureEngine) {
      // The UI asks with follow and timestamps: the same here, stopped at the last line.
      const before = cpuTicks(daemon);
      result.follow = await readEngineLogs(engine, id, 'stdout=1&stderr=1&follow=1&timestamps=1', count);
      result.followDaemonCpuSeconds = (cpuTicks(daemon) - before) / ticksPerSecond;
      result.cliLogsSeconds = await timedBerthToNull(engine, directory, ['logs', service]);
    }
  }

  // q quits and stops the stack, as a user leaves; down removes it.
  await tmux('send-keys', '-t', session, 'q');
  for (const quitDeadline = Date.now() + 30_000; alive(pid) && Date.now() < quitDeadline; ) await sleep(50);
  if (alive(pid)) console.error(`the berth CLI (pid ${pid}) did not quit within 30 s after q`);
  await tmux('kill-session', '-t', session);
  await berth(engine, directory, ['down', '--timeout', '0']);
  return result;
}

// ── the report ─────────────────────────────────────────────────────────────────────────────────

const rate = (count: number, seconds: number): string => (seconds > 0 ? Math.round(count / seconds).toLocaleString('en') : '—');
const ratio = (value: number): string => (Number.isFinite(value) && value > 0 ? value.toFixed(2) : '—');
const mib = (kb: number): string => (kb / 1024).toFixed(1);
/** Lines per second the container wrote, from its first and last line's engine timestamps. */
const writtenPerSecond = (result: UiRun): number => result.count / (timestampSeconds(result.whole?.last) - timestampSeconds(result.whole?.first));
const uiPerSecond = (result: UiRun): number => result.count / result.drawSeconds;
const cores = (result: UiRun): string => (result.uiCpuSeconds / result.drawSeconds).toFixed(2);

function printTable(columns: { label: string; result: UiRun }[], idle: UiRun, loads: string[]): void {
  const cell = (text: string): string => text.padStart(16);
  console.log(`berth TUI under a flood of 80-byte log lines from one busybox container; the real CLI (dist) in tmux 120×40`);
  console.log(`${''.padEnd(46)}${columns.map(({ label }) => cell(label)).join('')}`);
  const row = (label: string, value: (result: UiRun) => string): void => console.log(`${label.padEnd(46)}${columns.map(({ result }) => cell(value(result))).join('')}`);
  row('lines', (r) => r.count.toLocaleString('en'));
  row('container wrote them at, lines/s', (r) => rate(1, 1 / writtenPerSecond(r)));
  row('UI: first to last line on screen, s', (r) => r.drawSeconds.toFixed(2) + (r.timedOut ? ' TIMEOUT' : ''));
  row('UI: lines/s', (r) => rate(r.count, r.drawSeconds));
  row('UI: CPU of the berth CLI process, cores', cores);
  row('  of which its main thread, cores', (r) => (r.uiMainCpuSeconds / r.drawSeconds).toFixed(2));
  row('daemon: CPU in the same window, cores', (r) => (r.daemonCpuSeconds / r.drawSeconds).toFixed(2));
  row('UI: first line on screen after launch, s', (r) => r.firstLineAfter.toFixed(2));
  row('engine API follow=1&timestamps=1, lines/s', (r) => (r.follow ? rate(r.follow.lines, r.follow.seconds) : '—'));
  row('  daemon CPU while serving it, cores', (r) => (r.follow && r.followDaemonCpuSeconds !== undefined ? (r.followDaemonCpuSeconds / r.follow.seconds).toFixed(2) : '—'));
  row('engine API without follow, lines/s', (r) => (r.whole && r.follow ? rate(r.whole.lines, r.whole.seconds) : '—'));
  row('`berth logs writer` >/dev/null, lines/s', (r) => (r.cliLogsSeconds ? rate(r.count, r.cliLogsSeconds) : '—'));
  row('UI / engine follow', (r) => (r.follow ? ratio(uiPerSecond(r) / (r.follow.lines / r.follow.seconds)) : '—'));
  row('UI / container', (r) => ratio(uiPerSecond(r) / writtenPerSecond(r)));
  row('UI: older lines dropped (panel title)', (r) => r.dropped.toLocaleString('en'));
  row('UI: VmRSS MiB, 1.5 s after the last line', (r) => mib(r.memory.rss));
  row('UI: VmHWM MiB', (r) => mib(r.memory.hwm));
  console.log(`UI idle (service up, no output): VmRSS ${mib(idle.memory.rss)} MiB, VmHWM ${mib(idle.memory.hwm)} MiB (the logs panel keeps the last 10,000 lines)`);
  console.log('target (issue 8): the UI above 20,000 lines/s with its CPU under 1 core; UI / engine near 1: the UI keeps up with what the engine gives');
  console.log(`load average (1, 5, 15 min) before and after each column: ${loads.join(' → ')}; ${cpus().length} CPUs shared by the daemon, conmon, the container, tmux and this process`);
  if (profileDirectory) console.log(`CPU profiles of the UI in ${profileDirectory} (the figures above include the profiler's cost)`);
}

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');
const workDirectory = mkdtempSync(join(tmpdir(), 'berth-bench-tui-'));
const directory = join(workDirectory, project);
const tmuxSocket = join(workDirectory, 'tmux.sock');
if (profileDirectory) mkdirSync(profileDirectory, { recursive: true });
let engine: BerthTestEngine | undefined;
try {
  engine = await startBerthEngine();
  const image = await ensureBusyboxImage(engine);
  const loads = [load()];
  const idle = await uiRun(engine, directory, image, 0);
  const columns: { label: string; result: UiRun }[] = [];
  columns.push({ label: `after ${Math.round(rssLines / 1000)}k`, result: await uiRun(engine, directory, image, rssLines) });
  loads.push(load());
  for (let round = 1; round <= rounds; round += 1) {
    columns.push({ label: `flood ${round}`, result: await uiRun(engine, directory, image, lines, { measureEngine: true }) });
    loads.push(load());
  }
  // The target's rate, paced: what the UI costs when it keeps up rather than when it is the limit.
  columns.push({ label: `paced ${Math.round(pacedRate / 1000)}k/s`, result: await uiRun(engine, directory, image, pacedBatch(pacedRate) * 20 * pacedSeconds, { pacedRate }) });
  loads.push(load());
  printTable(columns, idle, loads);
} finally {
  await run('tmux', ['-S', tmuxSocket, 'kill-server']).catch(() => undefined);
  if (engine) await berth(engine, directory, ['down', '--timeout', '0']).catch(() => undefined);
  await engine?.stop().catch((error: unknown) => console.error(`clean-up: ${String(error)}`));
  rmSync(workDirectory, { recursive: true, force: true });
}
