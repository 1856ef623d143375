#!/usr/bin/env node
// Every benchmark in turn, each with modest sizes, so that one command gives the whole picture
// (issue 11): berth beside Docker's engine and Debian's docker-compose, as ratios. Each bench runs
// through its own npm script (`npm run --silent bench:NAME -- ARGS`) and prints its own table;
// this runner prints, before and after each, the time and the 1/5/15-minute load average (other
// work on the machine moves the figures), and at the end one line per bench: its exit, its
// duration and the load around it. A bench that fails does not stop the others; the runner then
// exits 1. Asserts nothing about any time. About 9 minutes on an idle 2-core machine, more when
// other work shares it.
// Needs root, a built dist (npm run build) and what each bench needs (see each file's header:
// runc, conmon, docker.io, docker-compose, docker-registry, skopeo, socat, tmux, busybox-static).
// Usage: node bench/all.mjs [name...]   (names as in the list below: `node bench/all.mjs dns pull`)
//        node bench/all.mjs --list
// BENCH_OUTPUT=<directory> also writes each bench's output to <directory>/<name>.txt.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputDirectory = process.env.BENCH_OUTPUT;

/** The issue's figures first, then the other subsystems' benches. */
const benches = [
  { name: 'stacks', script: 'bench:stacks', args: ['3', '5,20', 'postgres-web,redis-counter,internal-migrations'], what: 'up -d / no-change up / down -v: berth vs docker-compose on dockerd' },
  { name: 'start', script: 'bench:start', args: ['20'], what: "container start: berth's monitor (conmon) vs bare runc run" },
  { name: 'run', script: 'bench:run', args: ['20'], what: "container run: berth's engine vs bare runc run vs dockerd" },
  { name: 'pull', script: 'bench:pull', args: ['5'], what: 'image pull from a local registry: berth vs dockerd' },
  { name: 'dns', script: 'bench:dns', args: ['1000'], what: "service-name lookups: berth's resolver vs Docker's embedded DNS" },
  { name: 'firewall', script: 'bench:firewall', args: ['20'], what: "firewall rules, published-port throughput: berth's DNAT vs docker-proxy" },
  { name: 'daemon', script: 'bench:daemon', args: ['20', '3', '3', '4'], what: "engine memory and API rate: berth's daemon vs dockerd + containerd" },
  { name: 'config', script: 'bench:config', args: ['5', '50'], what: 'berth config vs docker-compose config, 50 services' },
  { name: 'network-setup', script: 'bench:network-setup', args: ['20'], what: "a container's network namespace and endpoints" },
  { name: 'container-networks', script: 'bench:container-networks', args: ['20'], what: 'what networks add to a container start' },
  { name: 'up', script: 'bench:up', args: ['3', '5'], what: "berth's CLI vs docker-compose, both on one dockerd" },
  { name: 'tui', script: 'bench:tui', args: ['200000', '100000', '1', '20000', '5'], what: 'the terminal UI under a flood of logs' },
  { name: 'build', script: 'bench:build', args: ['5'], what: 'image builds: berth vs dockerd (classic builder)' },
  { name: 'watch', script: 'bench:watch', args: ['10', '5'], what: 'compose watch, save to served: berth vs dockerd' },
];

if (process.argv.includes('--list')) {
  for (const bench of benches) console.log(`${bench.name.padEnd(20)} npm run ${bench.script} -- ${bench.args.join(' ')}   (${bench.what})`);
  process.exit(0);
}
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benches.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(`no bench named ${unknown.join(', ')}; the benches: ${benches.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}
if (process.getuid?.() !== 0) {
  console.error('the benches start engines, bridges and containers: run them as root');
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'bundle', 'main.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
if (outputDirectory) mkdirSync(outputDirectory, { recursive: true });

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const clock = () => new Date().toISOString().slice(11, 19);
let interrupted = false;
// Ctrl-C reaches the running bench too (same process group); let it clean up, then run no more.
process.on('SIGINT', () => {
  interrupted = true;
});

/** Runs one bench to its exit; resolves with its exit code (or signal name). */
function runBench(bench) {
  return new Promise((resolve) => {
    const piped = Boolean(outputDirectory);
    const child = spawn('npm', ['run', '--silent', bench.script, '--', ...bench.args], { cwd: root, stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit'] });
    if (piped) {
      const file = createWriteStream(join(outputDirectory, `${bench.name}.txt`));
      child.stdout.on('data', (chunk) => (process.stdout.write(chunk), file.write(chunk)));
      child.stderr.on('data', (chunk) => (process.stderr.write(chunk), file.write(chunk)));
      child.on('close', () => file.end());
    }
    child.on('error', (error) => resolve(`could not start: ${error.message}`));
    child.on('close', (code, signal) => resolve(signal ?? code));
  });
}

const selected = wanted.length > 0 ? benches.filter((bench) => wanted.includes(bench.name)) : benches;
const outcomes = [];
const started = performance.now();
console.log(`${selected.length} benches on ${cpus().length} CPUs, ${new Date().toISOString().slice(0, 10)}; load average (1, 5, 15 min) now ${load()}`);
for (const bench of selected) {
  if (interrupted) {
    outcomes.push({ bench, exit: 'not run (interrupted)', seconds: 0, loads: '' });
    continue;
  }
  const before = load();
  console.log(`\n── ${bench.name}: ${bench.what}\n   npm run ${bench.script} -- ${bench.args.join(' ')}   (${clock()}, load ${before})\n`);
  const benchStarted = performance.now();
  const exit = await runBench(bench);
  const seconds = (performance.now() - benchStarted) / 1000;
  const after = load();
  console.log(`\n   ${bench.name}: ${exit === 0 ? 'done' : `FAILED (${exit})`} in ${seconds.toFixed(0)} s (${clock()}, load ${after})`);
  outcomes.push({ bench, exit, seconds, loads: `${before} → ${after}` });
}

const total = (performance.now() - started) / 1000;
console.log(`\n| bench | exit | s | load average before → after |\n| --- | --- | --- | --- |`);
for (const { bench, exit, seconds, loads } of outcomes) console.log(`| ${bench.name} | ${exit === 0 ? 'ok' : exit} | ${seconds.toFixed(0)} | ${loads} |`);
console.log(`total: ${(total / 60).toFixed(1)} min`);
process.exit(outcomes.every((outcome) => outcome.exit === 0) ? 0 : 1);
