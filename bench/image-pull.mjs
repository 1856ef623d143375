#!/usr/bin/env node
// A cold pull of the debian-bookworm-slim fixture (one ~29 MB gzip layer) from a private
// registry on 127.0.0.1, by berth (pullImage into a fresh store, in a child process whose peak
// RSS it reports) and by Docker's engine (`POST /images/create` on the test harness's private
// dockerd, until the progress stream ends), in the same run; then berth's warm pull (everything
// present: one manifest request, nothing downloaded). Before each Docker run the image is removed
// and pruned, and the run must report the layer downloaded, not "Already exists". Median of N
// runs, ratio berth / docker. Asserts nothing.
// Needs what the integration tests need (root, docker.io, docker-registry, skopeo, debootstrap;
// the first run builds the fixture into the cache) and a built berth (`npm run build`).
// Usage: node bench/image-pull.mjs [runs=5] [fixture=debian-bookworm-slim]
// BENCH_CPU_PROF=DIR writes a V8 CPU profile of each berth pull process into DIR (`node --cpu-prof`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const runs = Number(process.argv[2] ?? 5);
const fixture = process.argv[3] ?? 'debian-bookworm-slim';
const root = new URL('..', import.meta.url).pathname;
const child = join(root, 'bench/pull-child.mjs');
const profileDirectory = process.env.BENCH_CPU_PROF;

if (!existsSync(join(root, 'dist/runtime/images/index.js'))) {
  console.error('bench/image-pull.mjs runs the built berth: run `npm run build` first');
  process.exit(1);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Starts bench/bench-registry.ts; resolves with its socket and reference, and a stop() that waits for it to clean up. */
function startServices() {
  const services = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/bench-registry.ts'), fixture], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => services.once('exit', resolve));
  return new Promise((resolve, reject) => {
    services.once('exit', (code) => reject(new Error(`bench-registry.ts exited with ${code} before the registry and engine were ready`)));
    createInterface({ input: services.stdout }).once('line', (line) => {
      const { socket, reference } = JSON.parse(line);
      resolve({ socket, reference, stop: () => { services.stdin.end(); return exited; } });
    });
  });
}

/** One Engine API call on the UNIX socket; the answer's body is read to its end. */
function engineCall(socket, method, path) {
  return new Promise((resolve, reject) => {
    request({ socketPath: socket, method, path: `/v1.41${path}`, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk)).on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject).end();
  });
}

/** Removes the image and everything unused, so the next Docker pull downloads and unpacks again. */
async function makeDockerCold(socket, reference) {
  const removed = await engineCall(socket, 'DELETE', `/images/${encodeURIComponent(reference)}?force=1`);
  if (removed.status !== 200 && removed.status !== 404) throw new Error(`docker could not remove ${reference}: ${removed.status} ${removed.body}`);
  const pruned = await engineCall(socket, 'POST', `/images/prune?filters=${encodeURIComponent(JSON.stringify({ dangling: ['false'] }))}`);
  if (pruned.status !== 200) throw new Error(`docker could not prune images: ${pruned.status} ${pruned.body}`);
  const left = JSON.parse((await engineCall(socket, 'GET', '/images/json?all=1')).body);
  if (left.length > 0) throw new Error(`docker still holds ${left.length} images after remove and prune`);
}

async function dockerPull(socket, reference) {
  await makeDockerCold(socket, reference);
  const start = process.hrtime.bigint();
  const answer = await engineCall(socket, 'POST', `/images/create?fromImage=${encodeURIComponent(reference)}`);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const statuses = answer.body.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const failure = statuses.find((status) => status.error);
  if (answer.status !== 200 || failure) throw new Error(`docker pull ${reference} failed: ${failure?.error ?? answer.body}`);
  if (statuses.some((status) => status.status === 'Already exists') || !statuses.some((status) => status.status === 'Pull complete')) {
    throw new Error(`docker pull ${reference} was not cold: ${statuses.map((status) => status.status).join(', ')}`);
  }
  return ms;
}

/** Runs bench/pull-child.mjs; resolves with its own pull time and peak RSS and the process's whole time. */
function berthPull(store, reference) {
  const flags = profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
  const start = process.hrtime.bigint();
  const run = spawn(process.execPath, [...flags, child, store, reference], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  run.stdout.setEncoding('utf8').on('data', (text) => { stdout += text; });
  run.stderr.setEncoding('utf8').on('data', (text) => { stderr += text; });
  return new Promise((resolve, reject) => {
    run.on('error', reject).on('close', (code) => {
      const processMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`berth pull ${reference} failed (exit ${code}):\n${stderr.trim().split('\n').slice(-10).join('\n')}`));
      else resolve({ ...JSON.parse(stdout), processMs });
    });
  });
}

/** A cold pull into a fresh store, then a warm one (a new process, everything present) into the same store. */
async function berthCycle(reference) {
  const store = mkdtempSync(join(tmpdir(), 'berth-bench-pull-'));
  try {
    const cold = await berthPull(store, reference);
    const warm = await berthPull(store, reference);
    return { cold, warm };
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}

/** The layer sizes the registry serves, for the header line. */
async function layerSizes(reference) {
  const slash = reference.indexOf('/');
  const colon = reference.lastIndexOf(':');
  const url = `http://${reference.slice(0, slash)}/v2/${reference.slice(slash + 1, colon)}/manifests/${reference.slice(colon + 1)}`;
  const manifest = await (await fetch(url, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })).json();
  return manifest.layers.map((layer) => layer.size);
}

const format = (ms) => ms.toFixed(0);
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const pad = (text, width) => String(text).padEnd(width);

const services = await startServices();
try {
  const { socket, reference } = services;
  const sizes = await layerSizes(reference);
  console.log(`image: ${reference} (${sizes.length} layer${sizes.length === 1 ? '' : 's'}, ${sizes.map(megabytes).join(' + ')} compressed); ${runs} runs, median`);
  // One untimed pull each first: the registry's blob in the page cache, dockerd's first pull, Node's compile cache.
  await dockerPull(socket, reference);
  await berthCycle(reference);

  const docker = [];
  const berth = [];
  for (let run = 0; run < runs; run++) {
    // Alternating which goes first, so neither always pulls right after the other's disk writes.
    if (run % 2 === 0) {
      docker.push(await dockerPull(socket, reference));
      berth.push(await berthCycle(reference));
    } else {
      berth.push(await berthCycle(reference));
      docker.push(await dockerPull(socket, reference));
    }
  }

  const dockerMs = median(docker);
  const coldMs = median(berth.map((cycle) => cycle.cold.pullMs));
  const coldProcessMs = median(berth.map((cycle) => cycle.cold.processMs));
  const warmMs = median(berth.map((cycle) => cycle.warm.pullMs));
  const warmProcessMs = median(berth.map((cycle) => cycle.warm.processMs));
  const peakRssKb = Math.max(...berth.map((cycle) => cycle.cold.peakRssKb));
  console.log(`\n${pad('', 34)}${pad('ms', 8)}`);
  console.log(`${pad('docker pull, cold (Engine API)', 34)}${pad(format(dockerMs), 8)}`);
  console.log(`${pad('berth pullImage, cold', 34)}${pad(format(coldMs), 8)}(whole process ${format(coldProcessMs)})`);
  console.log(`${pad('berth pullImage, warm', 34)}${pad(format(warmMs), 8)}(whole process ${format(warmProcessMs)}; target < 100)`);
  console.log(`\nberth / docker, cold: ${(coldMs / dockerMs).toFixed(2)} (whole process ${(coldProcessMs / dockerMs).toFixed(2)}; target <= 1.0)`);
  console.log(`berth peak RSS, cold: ${(peakRssKb / 1024).toFixed(0)} MiB (the node process; GNU tar is apart)`);
  console.log('\nall runs (ms):');
  console.log(`  docker cold: ${docker.map(format).join(', ')}`);
  console.log(`  berth cold: ${berth.map((cycle) => format(cycle.cold.pullMs)).join(', ')}`);
  console.log(`  berth cold, whole process: ${berth.map((cycle) => format(cycle.cold.processMs)).join(', ')}`);
  console.log(`  berth warm: ${berth.map((cycle) => format(cycle.warm.pullMs)).join(', ')}`);
  console.log(`  berth warm, whole process: ${berth.map((cycle) => format(cycle.warm.processMs)).join(', ')}`);
  console.log(`  berth peak RSS (MiB): ${berth.map((cycle) => (cycle.cold.peakRssKb / 1024).toFixed(0)).join(', ')}`);
  if (profileDirectory) console.log(`\nCPU profiles of the berth processes: ${profileDirectory}`);
} finally {
  await services.stop();
}
