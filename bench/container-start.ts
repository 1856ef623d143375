// The cost of berth's container monitor, two numbers:
// 1. create + start + exit + delete of a busybox `true` container through the monitor layer
//    (conmon running `runc create`, `runc start`, the exit file awaited, `runc delete` and
//    conmon's files removed), beside a bare `runc run` of the same bundle in the same run,
//    median of N each, interleaved so both see the same machine;
// 2. the memory one idle conmon adds: RSS and PSS (from /proc/PID/smaps_rollup) of the conmon
//    of each of 10 idle `sleep` containers.
// Asserts nothing. Needs root, runc, conmon and busybox-static.
// Usage: node --import tsx bench/container-start.ts [runs=20]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMonitorFixture } from '../test/runtime/containers/monitor/monitor-fixture.js';

const runs = Number(process.argv[2] ?? 20);
const fixture = createMonitorFixture();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function monitored(): Promise<number> {
  const options = fixture.prepare(['true']);
  const started = performance.now();
  const container = await fixture.monitor.create(options);
  await fixture.monitor.start(container);
  await fixture.monitor.waitForExit(container);
  await fixture.monitor.delete(container);
  return performance.now() - started;
}

async function bareRunc(): Promise<number> {
  const { id, bundle } = fixture.bundle(['true']);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('runc', ['--root', `${fixture.runDirectory}/bare-runc`, 'run', '--bundle', bundle, id], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`runc run exited with ${code}`))));
  });
  return performance.now() - started;
}

function memoryOf(pid: number): { rss: number; pss: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? Number.NaN);
  return { rss: field('Rss'), pss: field('Pss') };
}

try {
  await monitored(); // warm the page cache and runc's binary
  await bareRunc();
  const monitor: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    monitor.push(await monitored());
    bare.push(await bareRunc());
  }
  const m = median(monitor);
  const b = median(bare);
  console.log(`create+start+exit+delete of \`true\`, median of ${runs}: monitor ${m.toFixed(1)} ms, bare runc run ${b.toFixed(1)} ms, ratio ${(m / b).toFixed(2)}`);

  const idle = [];
  for (let index = 0; index < 10; index += 1) {
    const container = await fixture.create(['sleep', '1000']);
    await fixture.monitor.start(container);
    idle.push(container);
  }
  const memory = idle.map((container) => memoryOf(container.conmonPid));
  const rss = memory.map((entry) => entry.rss);
  const pss = memory.map((entry) => entry.pss);
  console.log(`idle conmon, 10 containers: RSS median ${median(rss)} kB (max ${Math.max(...rss)}), PSS median ${median(pss)} kB (max ${Math.max(...pss)}), PSS total ${pss.reduce((a, b) => a + b, 0)} kB`);
} finally {
  const left = await fixture.cleanup();
  if (left.length > 0) console.error(`left behind: ${left.join('; ')}`);
}
