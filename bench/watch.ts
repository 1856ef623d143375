// Compose watch (issue 10's figures): the time from a file save to the file being served by the
// container, for a `sync` rule (target under 200 ms, median of 20) and for a `sync+restart` rule
// (the save, the copy, the restart, and the service answering again with the new file).
// berth's own CLI (`node bin/berth.js watch`, from dist, as is its engine's daemon) watches one
// project on berth's engine and one on Docker's engine (Debian's dockerd on its own socket, the
// test harness's), in the same run:
// the watcher is the same, so the ratio is the engines' share (the archive copy, the restart).
// Debian's docker-compose (v1) has no watch, so Docker Compose itself is not in the figures.
// Each project has two busybox httpd services built FROM the busybox fixture, `web` (sync of ./site
// to /www) and `app` (sync+restart of ./app to /www, served from a copy made when it starts, so only
// a restarted container serves a new revision), both publishing port 80 on a free port of 127.0.0.1. A save
// rewrites index.html with a new revision; the time runs from just before the write until an HTTP
// GET (polled every 2 ms) answers with that revision. Saves alternate between the engines, so both
// see the same machine. Asserts nothing. Needs root, a built dist (npm run build) and what the
// integration tests need (runc, conmon, docker.io, busybox-static). Removes both engines after.
// Usage: node --import tsx bench/watch.ts [syncs=20] [restarts=10]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatEndpoint } from '../src/api/index.js';
import { cleanUpOnInterrupt, requireRootAndBundle } from './bench-process.js';
import { startBerthEngine } from '../test/harness/berth-engine.js';
import { startDockerEngine, type TestEngine } from '../test/harness/docker-engine.js';
import { busyboxReference, ensureBusyboxImage } from '../test/harness/fixture-images.js';
import { httpGet } from '../test/helpers/engine-probe.js';
import { freePort } from '../test/helpers/free-port.js';

const [syncs = 20, restarts = 10] = process.argv.slice(2).map(Number);
const repository = fileURLToPath(new URL('..', import.meta.url));
const berthCli = join(repository, 'bin', 'berth.js');
const targetMs = 200;
const answerTimeoutMs = 30_000;

requireRootAndBundle('bench/watch.ts', { bundle: true });

const composeFor = (ports: Record<'web' | 'app', number>): string => `
services:
  web:
    build: .
    init: true
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    ports: ["127.0.0.1:${ports.web}:80"]
    develop:
      watch:
        - path: ./site
          action: sync
          target: /www
  app:
    build: .
    init: true
    command: ["sh", "-c", "mkdir -p /srv && cp /www/index.html /srv/ && exec httpd -f -p 80 -h /srv"]
    ports: ["127.0.0.1:${ports.app}:80"]
    develop:
      watch:
        - path: ./app
          action: sync+restart
          target: /www
`;

interface Watched {
  engine: TestEngine;
  directory: string;
  watcher: ChildProcess;
  ports: Record<'web' | 'app', number>;
}

function berth(engine: TestEngine, directory: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [berthCli, '-H', formatEndpoint(engine.endpoint), '--progress', 'plain', '-p', `watchbench-${engine.name}`, ...args], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

async function startWatching(engine: TestEngine, label: string): Promise<Watched> {
  const directory = mkdtempSync(join(tmpdir(), `watchbench-${label}-`));
  mkdirSync(join(directory, 'site'));
  mkdirSync(join(directory, 'app'));
  // Fixed host ports: an engine may give a restarted container another random one.
  const ports = { web: await freePort(), app: await freePort() };
  writeFileSync(join(directory, 'compose.yaml'), composeFor(ports));
  writeFileSync(join(directory, 'Dockerfile'), `FROM ${busyboxReference}\nCOPY site /www\n`);
  writeFileSync(join(directory, 'site', 'index.html'), 'revision 0\n');
  writeFileSync(join(directory, 'app', 'index.html'), 'revision 0\n');
  const watcher = berth(engine, directory, ['watch']);
  const entry = { engine, directory, watcher, ports };
  watched.push(entry);
  let output = '';
  watcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  watcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berth watch on ${engine.name} did not start:\n${output}`)), 300_000);
    const check = (): void => {
      if (/^Watch enabled$/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    watcher.stdout!.on('data', check);
    watcher.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`berth watch on ${engine.name} exited:\n${output}`));
    });
  });
  return entry;
}

/** The page the service serves now, or undefined while it does not answer. */
function get(port: number): Promise<string | undefined> {
  return httpGet(port, '/index.html').then((reply) => (reply.status === 200 ? reply.body : undefined), () => undefined);
}

/** Saves a new revision of the service's index.html; resolves with the ms until the service serves it. */
async function save(watched: Watched, service: 'web' | 'app', revision: string): Promise<number> {
  const folder = service === 'web' ? 'site' : 'app';
  const started = performance.now();
  writeFileSync(join(watched.directory, folder, 'index.html'), `${revision}\n`);
  for (;;) {
    if ((await get(watched.ports[service])) === `${revision}\n`) return performance.now() - started;
    if (performance.now() - started > answerTimeoutMs) throw new Error(`${service} on ${watched.engine.name} never served ${revision}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

const engines: TestEngine[] = [];
const watched: Watched[] = [];
let cleaning: Promise<void> | undefined;

/** Ends each watch, takes its project down, and stops the engines (the harness removes what they made). Runs once. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const each of watched) {
      if (each.watcher.exitCode === null && each.watcher.signalCode === null) {
        const exited = new Promise((resolve) => each.watcher.once('exit', resolve));
        each.watcher.kill('SIGINT');
        await exited;
      }
      await new Promise<void>((resolve) => berth(each.engine, each.directory, ['down']).once('exit', () => resolve()));
      rmSync(each.directory, { recursive: true, force: true });
    }
    const stopped = await Promise.allSettled(engines.map((engine) => engine.stop()));
    for (const outcome of stopped) if (outcome.status === 'rejected') console.error(`clean-up: ${String(outcome.reason)}`);
  })();
  return cleaning;
}
cleanUpOnInterrupt(cleanUp);

try {
  // berth's daemon from dist, as an installed berth runs it (the harness would run the sources with tsx).
  const berthEngine = await startBerthEngine({ entry: berthCli });
  engines.push(berthEngine);
  const dockerEngine = await startDockerEngine();
  engines.push(dockerEngine);
  for (const engine of engines) await ensureBusyboxImage(engine);
  // Each watch is in `watched` from its start, so clean-up ends it even when it fails to start.
  for (const engine of engines) await startWatching(engine, engine.name);

  const times: Record<string, Record<'web' | 'app', number[]>> = { berth: { web: [], app: [] }, docker: { web: [], app: [] } };
  for (const [service, count] of [['web', syncs], ['app', restarts]] as const) {
    for (let index = 1; index <= count; index++) {
      for (const each of watched) {
        times[each.engine.name]![service].push(await save(each, service, `revision ${service} ${index}`));
        // Let the watch settle (the batch's quiet period) before the next save.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  console.log(`\nCompose watch: save -> served (${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)})`);
  console.log('| rule | engine | median ms | p90 ms | min ms | saves |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const service of ['web', 'app'] as const) {
    for (const name of ['berth', 'docker']) {
      const values = times[name]![service];
      console.log(`| ${service === 'web' ? 'sync' : 'sync+restart'} | ${name} | ${percentile(values, 0.5).toFixed(0)} | ${percentile(values, 0.9).toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${values.length} |`);
    }
    const ratio = percentile(times.berth![service], 0.5) / percentile(times.docker![service], 0.5);
    console.log(`| ${service === 'web' ? 'sync' : 'sync+restart'} | berth/docker | ${ratio.toFixed(2)} | | | |`);
  }
  const syncMedian = percentile(times.berth!.web, 0.5);
  console.log(`\nTarget: a synced file present in the container within ${targetMs} ms (median): ${syncMedian.toFixed(0)} ms on berth's engine, ${syncMedian < targetMs ? 'met' : 'missed'}.`);
} finally {
  await cleanUp();
}
