import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { formatEndpoint } from '../../../src/api/index.js';
import type { TestEngine } from '../../harness/docker-engine.js';
import { startBerth, type BerthProcess } from '../../helpers/berth-process.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';

const examples = new URL('../../../examples/', import.meta.url).pathname;

/** A copy of one of examples/, in a folder of its own, driven by the CLI against a test engine. */
export interface ExampleProject {
  /** The project name: the copy's folder name, as Compose derives it. */
  name: string;
  directory: string;
  /** `berth -H <engine> --progress plain args...` in the copy, with the project's environment. */
  berth(...args: string[]): BerthRun;
  /** The same, left running (`watch`). */
  start(...args: string[]): BerthProcess;
  /** Takes the project down with its volumes and removes the copy. */
  remove(): void;
}

/**
 * Copies `examples/<example>` (without node_modules) to a fresh folder named `<example>-<random>`,
 * so each copy is a project of its own, and installs the node modules of every folder in it that
 * has a package-lock.json, as the example's README tells a user to (`npm ci`). `env` is the
 * environment the compose file reads, such as a published port.
 */
export function exampleProject(engine: TestEngine, example: string, env: Record<string, string> = {}): ExampleProject {
  const name = `${example}-${randomBytes(3).toString('hex')}`;
  const directory = join(mkdtempSync(join(tmpdir(), 'berth-example-')), name);
  cpSync(join(examples, example), directory, { recursive: true, filter: (source) => basename(source) !== 'node_modules' });
  for (const folder of foldersWithLockFiles(directory)) installModules(folder);
  const host = ['-H', formatEndpoint(engine.endpoint), '--progress', 'plain'];
  const project: ExampleProject = {
    name,
    directory,
    berth: (...args) => runBerth([...host, ...args], { cwd: directory, env: { NO_COLOR: '1', ...env } }),
    start: (...args) => startBerth([...host, ...args], { cwd: directory, env: { NO_COLOR: '1', ...env } }),
    remove: () => {
      project.berth('down', '--volumes', '--remove-orphans', '--timeout', '5');
      rmSync(join(directory, '..'), { recursive: true, force: true });
    },
  };
  return project;
}

function foldersWithLockFiles(directory: string): string[] {
  const found = existsSync(join(directory, 'package-lock.json')) ? [directory] : [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...foldersWithLockFiles(join(directory, entry.name)));
  }
  return found;
}

function installModules(folder: string): void {
  const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm ci in ${folder} failed (exit ${install.status}):\n${install.stderr}`);
}

/** A TCP port nothing on 127.0.0.1 listens on right now, for an example's published port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
