import { describe, expect, test } from 'vitest';
import { httpGet, inspect, publishedPort } from '../../helpers/engine-probe.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { busybox, useWatchEngine, useWatchProcess, watchedServiceFiles, watchProject } from './watch-scenario.js';

const { engine, client } = useWatchEngine();

const startWatch = useWatchProcess();

describe('watch with a rebuild rule', () => {
  test('builds a new image and recreates the service with it, removing the image it replaced', async () => {
    const project = watchProject(engine(), 'watch-rebuild', watchedServiceFiles('app', [{ path: './version.txt', action: 'rebuild' }], 'COPY version.txt /version.txt\n', { 'version.txt': 'one\n' }));
    const watch = await startWatch(project);
    const before = await inspect(client(), project.container('app'));
    expect(await project.read(client(), 'app', '/version.txt')).toBe('one\n');

    project.write('version.txt', 'two\n');
    await watch.waitForOutput(/^\[app\] rebuilt and recreated in [\d.]+ m?s$/m, 'stdout', 60_000);
    const after = await inspect(client(), project.container('app'));
    expect(after.Id).not.toBe(before.Id);
    expect(after.Image).not.toBe(before.Image);
    expect(await project.read(client(), 'app', '/version.txt')).toBe('two\n');
    // --prune is the default: the replaced image is gone.
    await expect(client().images.inspect(before.Image)).rejects.toThrow();
  });

  test('queues a change saved while it rebuilds and rebuilds again after, and with --prune=false keeps the images it replaced', async () => {
    // The RUN after the COPY makes every rebuild take two seconds, long enough to save during one.
    const project = watchProject(engine(), 'watch-rebuild-queue', watchedServiceFiles('app', [{ path: './version.txt', action: 'rebuild' }], 'COPY version.txt /version.txt\nRUN sleep 2\n', { 'version.txt': 'one\n' }));
    const watch = await startWatch(project, '--prune=false');
    const first = (await inspect(client(), project.container('app'))).Image;

    project.write('version.txt', 'two\n');
    await watch.waitForOutput(/^\[app\] rebuilding after 1 change$/m);
    project.write('version.txt', 'three\n');
    await watch.waitForOutput(/^\[app\] rebuilt and recreated in [\d.]+ m?s$(?:[^]*)^\[app\] rebuilt and recreated in [\d.]+ m?s$/m, 'stdout', 60_000);
    expect(await project.read(client(), 'app', '/version.txt')).toBe('three\n');
    expect(watch.stdout().match(/^\[app\] rebuilding /gm)).toHaveLength(2);
    // With --prune=false the image the first rebuild replaced is still there.
    expect(await client().images.inspect(first)).toMatchObject({ Id: first });
    const last = (await inspect(client(), project.container('app'))).Image;
    expect(last).not.toBe(first);
  }, 90_000);
});

describe('watch with sync+restart', () => {
  test('syncs the file, restarts the container, and the service answers with the new file', async () => {
    const project = watchProject(engine(), 'watch-sync-restart', {
      'compose.yaml': `
services:
  web:
    build: .
    init: true
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    ports: ["127.0.0.1::80"]
    develop:
      watch:
        - path: ./site
          action: sync+restart
          target: /www
`,
      Dockerfile: `FROM ${busybox}\nCOPY site /www\n`,
      'site/index.html': 'before\n',
    });
    const watch = await startWatch(project);
    const startedBefore = (await inspect(client(), project.container('web'))).State.StartedAt;

    project.write('site/index.html', 'after\n');
    await watch.waitForOutput(/^\[web\] restarted in \d+ m?s$/m, 'stdout', 30_000);
    const state = (await inspect(client(), project.container('web'))).State;
    expect(state.StartedAt).not.toBe(startedBefore);
    const port = await publishedPort(client(), project.container('web'), 80);
    const answer = await waitUntil(async () => {
      const reply = await httpGet(port);
      return reply.body === 'after\n' && reply;
    }, 'web to answer with the synced page');
    expect(answer.status).toBe(200);
  });

  test('restarts once for a burst of saved files', async () => {
    const project = watchProject(engine(), 'watch-restart-burst', watchedServiceFiles('web', [{ path: './site', action: 'sync+restart', target: '/www' }], 'COPY site /www\n', { 'site/index.html': 'before\n' }));
    const watch = await startWatch(project);
    const restarts = (): number => (watch.stdout().match(/^\[web\] restarted in /gm) ?? []).length;

    for (let index = 0; index < 20; index++) project.write(`site/page-${index}.html`, `${index}\n`);
    await watch.waitForOutput(/^\[web\] restarted in /m, 'stdout', 30_000);
    // A save after the burst is the next batch: once it has restarted, the burst had its chance to restart twice.
    project.write('site/marker.html', 'marker\n');
    await waitUntil(() => restarts() === 2, 'the save after the burst to restart web', 30_000);
    expect(watch.stdout().match(/^\[web\] synced .*\((\d+) files?\)/gm)).toEqual([expect.stringContaining('(20 files)'), expect.stringContaining('(1 file)')]);
    expect(await project.read(client(), 'web', '/www/page-19.html')).toBe('19\n');
  }, 60_000);
});

describe('watch with a restart rule', () => {
  test('restarts the container on a change without copying the file into it', async () => {
    const project = watchProject(engine(), 'watch-restart-only', watchedServiceFiles('app', [{ path: './settings.conf', action: 'restart' }], '', { 'settings.conf': 'one\n' }));
    const watch = await startWatch(project);
    const startedBefore = (await inspect(client(), project.container('app'))).State.StartedAt;

    project.write('settings.conf', 'two\n');
    await watch.waitForOutput(/^\[app\] restarted in \d+ m?s$/m, 'stdout', 30_000);
    expect((await inspect(client(), project.container('app'))).State.StartedAt).not.toBe(startedBefore);
    expect(watch.stdout()).not.toMatch(/^\[app\] synced /m);
  });
});

describe('watch with sync+exec', () => {
  test('runs the command in the container after the files are synced, with its user, working directory and environment', async () => {
    const project = watchProject(engine(), 'watch-sync-exec', {
      'compose.yaml': `
services:
  web:
    build: .
    init: true
    command: ["sleep", "3600"]
    develop:
      watch:
        - path: ./conf
          action: sync+exec
          target: /etc/app
          exec:
            command: ['sh', '-c', 'echo "$$GREETING from $$(pwd) as $$(id -u): $$(cat app.conf)" | tee /tmp/reloaded']
            working_dir: /etc/app
            user: "1000"
            environment:
              GREETING: reloaded
`,
      Dockerfile: `FROM ${busybox}\nCOPY conf /etc/app\n`,
      'conf/app.conf': 'first\n',
    });
    const watch = await startWatch(project);
    project.write('conf/app.conf', 'second\n');
    await project.waitForFile(client(), 'web', '/tmp/reloaded', 'reloaded from /etc/app as 1000: second\n');
    await watch.waitForOutput(/^\[web\] ran "sh -c .*" in [0-9a-f]{12}: exit code 0, \d+ ms\n {4}reloaded from \/etc\/app as 1000: second$/m);
  });
});
