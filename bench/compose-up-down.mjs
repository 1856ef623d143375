#!/usr/bin/env node
// `up -d`, a second `up -d` with nothing changed, and `down -v`, timed start to exit, for berth and
// Debian's docker-compose 1.29 on one private dockerd (the test harness's, on its own socket) in
// the same run. Projects of busybox `sleep` services with `init: true` (so stops are quick) in two
// shapes: fan (every service depends on db) and chain (each depends on the one before). Median of
// N repetitions, ratio berth / docker-compose. Asserts nothing.
// Needs what the integration tests need (root, docker.io, busybox-static), a built berth
// (`npm run build`), and for the comparison `apt-get install docker-compose`.
// Usage: node bench/compose-up-down.mjs [runs=5] [sizes=5,20]
// BERTH_BIN=/path/to/bin/berth.js times another build (a copy, when dist/ is being rebuilt meanwhile).
// berth on its own engine beside docker-compose on Docker's engine, and the examples: bench/compose-stacks.ts.
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const runs = Number(process.argv[2] ?? 5);
const sizes = (process.argv[3] ?? '5,20').split(',').map(Number);
const root = new URL('..', import.meta.url).pathname;
const berth = process.env.BERTH_BIN ?? join(root, 'bin/berth.js');
const steps = [
  { key: 'up', label: 'up -d', args: ['up', '-d'] },
  { key: 'again', label: 'up -d (no change)', args: ['up', '-d'] },
  { key: 'down', label: 'down -v', args: ['down', '-v'] },
];

function composeFile(shape, count, image) {
  const lines = ['services:'];
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? 'db' : `svc${i}`;
    const dependency = shape === 'fan' ? 'db' : i === 1 ? 'db' : `svc${i - 1}`;
    lines.push(`  ${name}:`, `    image: ${image}`, '    command: ["sleep", "3600"]', '    init: true');
    if (i > 0) lines.push(`    depends_on: [${dependency}]`);
  }
  return `${lines.join('\n')}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Starts bench/bench-engine.ts; resolves with its socket and image, and a stop() that waits for it to clean up. */
function startEngine() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/bench-engine.ts')], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench-engine.ts exited with ${code} before the engine was ready`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { socket, image } = JSON.parse(line);
      resolve({ socket, image, stop: () => { child.stdin.end(); return exited; } });
    });
  });
}

/** How many running containers carry the project's label, straight from the engine. */
function runningContainers(socket, project) {
  const filters = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`], status: ['running'] }));
  return new Promise((resolve, reject) => {
    request({ socketPath: socket, path: `/v1.41/containers/json?filters=${filters}` }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk) => { body += chunk; }).on('end', () => resolve(JSON.parse(body).length));
    }).on('error', reject).end();
  });
}

function timed(tool, args, cwd) {
  const start = process.hrtime.bigint();
  const run = spawnSync(tool.command, [...tool.prefix, ...args], { cwd, env: tool.env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${tool.name} ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
  return ms;
}

/** One up, up, down cycle of a tool on a project; checks the first up really started every service. */
async function cycle(tool, project, socket) {
  const times = {};
  for (const step of steps) {
    times[step.key] = timed(tool, ['-p', `${project.name}-${tool.short}`, ...step.args], project.directory);
    if (step.key === 'up') {
      const count = await runningContainers(socket, `${project.name}-${tool.short}`);
      if (count !== project.count) throw new Error(`${tool.name} up -d left ${count} of ${project.count} containers running in ${project.name}`);
    }
  }
  return times;
}

function dockerComposeVersion() {
  const probe = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

const format = (ms) => (ms === undefined ? '-' : ms.toFixed(0));
const pad = (text, width) => String(text).padEnd(width);

const engine = await startEngine();
const workspace = mkdtempSync(join(tmpdir(), 'berth-bench-'));
try {
  const env = { ...process.env, DOCKER_HOST: `unix://${engine.socket}` };
  const tools = [{ name: 'berth', short: 'berth', command: process.execPath, prefix: [berth], env }];
  const composeVersion = dockerComposeVersion();
  if (composeVersion) tools.push({ name: `docker-compose ${composeVersion}`, short: 'dc', command: 'docker-compose', prefix: [], env });
  else console.log('docker-compose: not installed, timing berth alone (apt-get install docker-compose to compare)');

  const projects = [];
  for (const count of sizes) {
    for (const shape of ['fan', 'chain']) {
      const name = `bench-${shape}${count}`;
      const directory = join(workspace, name);
      mkdirSync(directory);
      writeFileSync(join(directory, 'docker-compose.yml'), composeFile(shape, count, engine.image));
      projects.push({ name, shape, count, directory });
    }
  }

  console.log(`engine: unix://${engine.socket}; ${runs} runs of each step, median in ms`);
  // One untimed cycle per tool first: disk caches, dockerd's first container, Node's compile cache.
  for (const tool of tools) await cycle(tool, projects[0], engine.socket);

  const results = new Map();
  for (const project of projects) {
    for (let run = 0; run < runs; run++) {
      for (const tool of tools) {
        const times = await cycle(tool, project, engine.socket);
        for (const step of steps) {
          const key = `${project.name} ${tool.short} ${step.key}`;
          results.set(key, [...(results.get(key) ?? []), times[step.key]]);
        }
      }
    }
  }

  const header = [pad('project', 12), pad('step', 20), pad('berth', 8), pad('compose', 8), 'berth/compose'];
  console.log(`\n${header.join(' ')}`);
  for (const project of projects) {
    for (const step of steps) {
      const berthMs = median(results.get(`${project.name} berth ${step.key}`));
      const composeTimes = results.get(`${project.name} dc ${step.key}`);
      const composeMs = composeTimes ? median(composeTimes) : undefined;
      const ratio = composeMs ? (berthMs / composeMs).toFixed(2) : '-';
      console.log([pad(`${project.shape}-${project.count}`, 12), pad(step.label, 20), pad(format(berthMs), 8), pad(format(composeMs), 8), ratio].join(' '));
    }
  }
  console.log('\nall runs (ms):');
  for (const [key, times] of results) console.log(`  ${key}: ${times.map(format).join(', ')}`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
  await engine.stop();
}
