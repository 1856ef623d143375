import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { BerthProcess } from '../../helpers/berth-process.js';
import { busybox, expectSuccess, syncedSiteFiles, useWatchEngine, watchProject, type WatchProject } from './watch-scenario.js';

const { engine, client } = useWatchEngine();

const syncedFiles = syncedSiteFiles();

/** The pid `berth watch -d` printed, and whether that process still runs. */
function backgroundPid(stderr: string): number {
  const match = /watching \S+ in the background \(pid (\d+)\)/.exec(stderr);
  expect(match, stderr).not.toBeNull();
  return Number(match![1]);
}

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup) step();
  cleanup = [];
});

function detached(project: WatchProject): number {
  const run = expectSuccess(project.berth('watch', '-d'));
  const pid = backgroundPid(run.stderr);
  cleanup.push(() => alive(pid) && process.kill(pid, 'SIGKILL'));
  return pid;
}

describe('watch -d', () => {
  test('keeps syncing in the background until watch --stop', async () => {
    const project = watchProject(engine(), 'watch-detached', syncedFiles);
    const pid = detached(project);
    expect(alive(pid)).toBe(true);
    project.write('site/index.html', 'from the background\n');
    await project.waitForFile(client(), 'web', '/www/index.html', 'from the background\n');

    const second = project.berth('watch', '-d');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`is already watched in the background (pid ${pid})`);

    const stop = expectSuccess(project.berth('watch', '--stop'));
    expect(stop.stderr).toContain(`stopped watching ${project.name} (pid ${pid})`);
    expect(alive(pid)).toBe(false);
    expect(expectSuccess(project.berth('watch', '--stop')).stderr).toContain('is not watched in the background');
  });

  test('ends with berth down', async () => {
    const project = watchProject(engine(), 'watch-down', syncedFiles);
    const pid = detached(project);
    const down = expectSuccess(project.berth('down'));
    expect(down.stderr).toContain(`stopped watching ${project.name} in the background (pid ${pid})`);
    expect(alive(pid)).toBe(false);
  });
});

describe('watch refuses', () => {
  test('a project where no selected service has develop.watch', () => {
    const project = watchProject(engine(), 'watch-none', { 'compose.yaml': `services:\n  web:\n    image: ${busybox}\n    command: ["sleep", "3600"]\n` });
    const run = project.berth('watch', '--no-up');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('none of the selected services is configured for watch');
    expect(run.stderr).toContain('hint: add a develop.watch section');
  });

  test('a rebuild rule on a service without a build section, naming the rule', () => {
    const project = watchProject(engine(), 'watch-no-build', {
      'compose.yaml': `services:\n  web:\n    image: ${busybox}\n    develop:\n      watch:\n        - path: ./src\n          action: rebuild\n`,
    });
    const run = project.berth('watch', '--no-up');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`can't watch service "web" with action rebuild: it has no build section (services.web.develop.watch[0])`);
  });

  test('a sync rule without a target when the file loads, naming the file and line', () => {
    const project = watchProject(engine(), 'watch-no-target', {
      'compose.yaml': `services:\n  web:\n    image: ${busybox}\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n`,
    });
    const run = project.berth('config');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/compose\.yaml:6:11: services\.web\.develop\.watch\[0\]: watch action "sync" needs a target/);
    expect(run.stderr).toContain('hint: add a target to this rule, e.g. target: /app');
  });
});

describe('up --watch', () => {
  let attached: BerthProcess | undefined;
  afterEach(async () => {
    attached?.signal('SIGINT');
    await attached?.exited;
  });

  test('follows the logs and syncs changes while attached', async () => {
    const project = watchProject(engine(), 'up-watch', { ...syncedFiles, 'compose.yaml': syncedFiles['compose.yaml']!.replace('["sleep", "3600"]', '["sh", "-c", "echo serving; exec sleep 3600"]') });
    attached = project.start('up', '--watch', '--no-tui');
    await attached.waitForOutput(/^Watch enabled$/m, 'stdout', 120_000);
    await attached.waitForOutput(/serving/);
    project.write('site/index.html', 'attached\n');
    await project.waitForFile(client(), 'web', '/www/index.html', 'attached\n');
    await attached.waitForOutput(/^\[web\] synced \/www\/index\.html \(1 file\)/m);
  });

  test('refuses --detach', () => {
    const project = watchProject(engine(), 'up-watch-detach', syncedFiles);
    const run = project.berth('up', '--watch', '-d');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--watch and --detach (or --wait) are incompatible');
  });
});
