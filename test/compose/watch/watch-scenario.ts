import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { EngineClient } from '../../../src/api/index.js';
import { formatEndpoint } from '../../../src/api/index.js';
import type { TestEngine } from '../../harness/docker-engine.js';
import { startBerth, type BerthProcess } from '../../helpers/berth-process.js';
import { execIn } from '../../helpers/engine-probe.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';
import { waitUntil } from '../../helpers/wait-until.js';

import { busybox } from '../build/build-project.js';

export { busybox, useBuildEngine as useWatchEngine } from '../build/build-project.js';
export { expectSuccess } from '../../helpers/run-berth.js';

/** A project folder whose files a test edits while `berth watch` runs in it. */
export interface WatchProject {
  name: string;
  directory: string;
  /** `berth -H <engine> --progress plain args...`, run to the end. */
  berth(...args: string[]): BerthRun;
  /** The same, left running: `watch`. */
  start(...args: string[]): BerthProcess;
  /** Writes a file of the project (parents made), as an editor saving it. */
  write(path: string, text: string): void;
  remove(path: string): void;
  container(service: string, number?: number): string;
  /** What `cat path` prints in the container, or undefined when the file is not there. */
  read(client: EngineClient, service: string, path: string): Promise<string | undefined>;
  /** Waits until the container's `path` holds `text` (undefined: until it is gone). */
  waitForFile(client: EngineClient, service: string, path: string, text: string | undefined): Promise<void>;
}

export function watchProject(engine: TestEngine, label: string, files: Record<string, string>): WatchProject {
  const name = `${label}-${randomBytes(3).toString('hex')}`;
  const directory = tempProject(files, name);
  const host = ['-H', formatEndpoint(engine.endpoint), '--progress', 'plain'];
  const env = { NO_COLOR: '1' };
  const project: WatchProject = {
    name,
    directory,
    berth: (...args) => runBerth([...host, ...args], { cwd: directory, env }),
    start: (...args) => startBerth([...host, ...args], { cwd: directory, env }),
    write: (path, text) => {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), text);
    },
    remove: (path) => rmSync(join(directory, path), { recursive: true, force: true }),
    container: (service, number = 1) => `${name}-${service}-${number}`,
    read: async (client, service, path) => {
      const result = await execIn(client, project.container(service), ['cat', path]);
      return result.exitCode === 0 ? result.stdout : undefined;
    },
    waitForFile: async (client, service, path, text) => {
      await waitUntil(async () => (await project.read(client, service, path)) === text, `${path} in ${service} to ${text === undefined ? 'be gone' : `hold ${JSON.stringify(text)}`}`, 15_000, 25);
    },
  };
  return project;
}

/** One `develop.watch` rule as the compose file writes it: `{ path: './site', action: 'sync', target: '/www' }`. */
export type WatchRuleFields = Record<string, unknown>;

/**
 * The files of a project whose one service, `service`, is built from busybox (then `steps`, Dockerfile
 * lines), sleeps, and is watched by `rules`; `files` are the build context's other files.
 */
export function watchedServiceFiles(service: string, rules: WatchRuleFields[], steps: string, files: Record<string, string>): Record<string, string> {
  return {
    // A rule is written as JSON, which YAML reads as it is.
    'compose.yaml': `services:\n  ${service}:\n    build: .\n    init: true\n    command: ["sleep", "3600"]\n    develop:\n      watch: ${JSON.stringify(rules)}\n`,
    Dockerfile: `FROM ${busybox}\n${steps}`,
    ...files,
  };
}

/**
 * The files of a bind-free service `web` whose /www is synced from ./site (built from it too):
 * `index.html` (v1) and `old.txt`; `moreOfTheRule` adds fields to the watch rule.
 */
export function syncedSiteFiles(moreOfTheRule: WatchRuleFields = {}): Record<string, string> {
  return watchedServiceFiles('web', [{ path: './site', action: 'sync', target: '/www', ...moreOfTheRule }], 'COPY site /www\n', { 'site/index.html': 'v1\n', 'site/old.txt': 'old\n' });
}

/** `berth watch args...` started in the project and ready ("Watch enabled"); interrupted after each test. */
export function useWatchProcess(): (project: WatchProject, ...args: string[]) => Promise<BerthProcess> {
  let watching: BerthProcess | undefined;
  afterEach(async () => {
    watching?.signal('SIGINT');
    await watching?.exited;
    watching = undefined;
  });
  return async (project, ...args) => {
    watching = project.start('watch', ...args);
    await watching.waitForOutput(/^Watch enabled$/m, 'stdout', 120_000);
    return watching;
  };
}
