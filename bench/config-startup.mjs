#!/usr/bin/env node
// `berth config` start-to-exit time on a generated 50-service project, median of N runs, with
// peers measured in the same run: a bare `node` start (the floor any Node CLI pays) and, when
// installed, Debian's docker-compose (`apt-get install docker-compose`). Prints ratios, asserts
// nothing. Usage: node bench/config-startup.mjs [runs=5] [services=50]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const serviceCount = Number(process.argv[3] ?? 50);
const berth = new URL('../bin/berth.js', import.meta.url).pathname;

function composeFile(count) {
  const lines = ['services:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  svc${i}:`,
      `    image: "registry.example:5000/team/app${i}:1.${i}"`,
      `    command: ["node", "server.js", "--port", "${3000 + i}"]`,
      '    environment:',
      `      - SERVICE_INDEX=${i}`,
      '      - LOG_LEVEL=${LOG_LEVEL:-info}',
      '    ports:',
      `      - "${10000 + i}:${3000 + i}"`,
      '    volumes:',
      `      - ./data/svc${i}:/data`,
      `      - cache${i}:/cache`,
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 10s',
      ...(i > 0 ? ['    depends_on:', `      svc${i - 1}:`, '        condition: service_started'] : []),
      '    labels:',
      `      team: t${i % 5}`,
    );
  }
  lines.push('volumes:');
  for (let i = 0; i < count; i++) lines.push(`  cache${i}: {}`);
  return `${lines.join('\n')}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, command, args, cwd) {
  const check = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (check.status !== 0) {
    console.log(`${label}: failed (${check.stderr.trim().split('\n').pop()})`);
    return undefined;
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(command, args, { cwd, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const result = median(times);
  console.log(`${label}: median ${result.toFixed(1)} ms of ${runs} (${times.map((t) => t.toFixed(0)).join(', ')})`);
  return result;
}

const directory = mkdtempSync(join(tmpdir(), 'berth-bench-'));
try {
  writeFileSync(join(directory, 'compose.yaml'), composeFile(serviceCount));
  console.log(`berth config on ${serviceCount} services, ${runs} runs each`);
  const berthMs = measure('berth config', process.execPath, [berth, 'config'], directory);
  const nodeMs = measure('node -e "" (floor)', process.execPath, ['-e', ''], directory);
  let composeMs;
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    composeMs = measure('docker-compose config (Debian 1.29)', 'docker-compose', ['config'], directory);
  } catch {
    console.log('docker-compose config: not installed (apt-get install docker-compose to compare)');
  }
  if (berthMs && nodeMs) console.log(`ratio berth / bare node: ${(berthMs / nodeMs).toFixed(2)}`);
  if (berthMs && composeMs) console.log(`ratio berth / docker-compose: ${(berthMs / composeMs).toFixed(2)}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
