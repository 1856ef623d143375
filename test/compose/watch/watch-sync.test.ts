import { describe, expect, test } from 'vitest';
import { inspect } from '../../helpers/engine-probe.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { expectSuccess, syncedSiteFiles, useWatchEngine, useWatchProcess, watchProject, type WatchProject } from './watch-scenario.js';

const { engine, client } = useWatchEngine();

/** The synced site, with two ignore rules and a .dockerignore. */
function syncedSite(label: string): WatchProject {
  return watchProject(engine(), label, { ...syncedSiteFiles({ ignore: ['*.tmp', 'drafts/'] }), '.dockerignore': 'site/secret.txt\n' });
}

const startWatch = useWatchProcess();

describe('watch with a sync rule', () => {
  test('copies edited and added files into the running container and deletes deleted ones', async () => {
    const project = syncedSite('watch-sync');
    const watch = await startWatch(project);
    expect(await project.read(client(), 'web', '/www/index.html')).toBe('v1\n');

    project.write('site/index.html', 'v2\n');
    await project.waitForFile(client(), 'web', '/www/index.html', 'v2\n');
    project.write('site/new/deep/file.txt', 'deep\n');
    await project.waitForFile(client(), 'web', '/www/new/deep/file.txt', 'deep\n');
    project.remove('site/old.txt');
    await project.waitForFile(client(), 'web', '/www/old.txt', undefined);

    await watch.waitForOutput(/^\[web\] synced \/www\/index\.html \(1 file\) in \d+ ms$/m);
    await watch.waitForOutput(/^\[web\] deleted \/www\/old\.txt in \d+ ms$/m);
  });

  test('leaves out what the rule ignores, the build context ignores, editor swap files and .git', async () => {
    const project = syncedSite('watch-ignore');
    await startWatch(project);
    project.write('site/notes.tmp', 'tmp\n');
    project.write('site/drafts/draft.html', 'draft\n');
    project.write('site/secret.txt', 'secret\n');
    project.write('site/.index.html.swp', 'swap\n');
    project.write('site/.git/HEAD', 'ref\n');
    // A file the rules take, written last: once it is there, the others had their chance.
    project.write('site/marker.txt', 'marker\n');
    await project.waitForFile(client(), 'web', '/www/marker.txt', 'marker\n');
    for (const path of ['notes.tmp', 'drafts/draft.html', 'secret.txt', '.index.html.swp', '.git/HEAD']) {
      expect(await project.read(client(), 'web', `/www/${path}`), path).toBeUndefined();
    }
  });

  test('syncs a burst of 50 saved files as one batch', async () => {
    const project = syncedSite('watch-burst');
    const watch = await startWatch(project);
    const synced = (): number => (watch.stdout().match(/^\[web\] synced /gm) ?? []).length;
    expect(synced()).toBe(0);
    for (let index = 0; index < 50; index++) project.write(`site/burst-${index}.txt`, `${index}\n`);
    await project.waitForFile(client(), 'web', '/www/burst-49.txt', '49\n');
    await watch.waitForOutput(/^\[web\] synced .* and 47 more \(50 files\) in \d+ ms$/m);
    expect(synced()).toBe(1);
  });

  test('brings a recreated container up to date with the files synced before', async () => {
    const project = syncedSite('watch-recreate');
    await startWatch(project);
    project.write('site/index.html', 'synced\n');
    await project.waitForFile(client(), 'web', '/www/index.html', 'synced\n');
    const before = (await inspect(client(), project.container('web'))).Id;

    expectSuccess(project.berth('up', '-d', '--force-recreate', '--no-build'));
    const after = (await inspect(client(), project.container('web'))).Id;
    expect(after).not.toBe(before);
    // The new container starts from the image (v1), then gets the synced file again.
    await project.waitForFile(client(), 'web', '/www/index.html', 'synced\n');
  });

  test('says the service is down, and syncs the changes once it runs again', async () => {
    const project = syncedSite('watch-down');
    const watch = await startWatch(project);
    expectSuccess(project.berth('stop', 'web'));
    project.write('site/index.html', 'while stopped\n');
    await watch.waitForOutput(/^\[web\] is not running: 1 change will be synced when a container starts$/m);

    expectSuccess(project.berth('start', 'web'));
    await project.waitForFile(client(), 'web', '/www/index.html', 'while stopped\n');
    await watch.waitForOutput(/\(catching up a container that missed them\)/);
  });

  test('keeps syncing after the container restarts', async () => {
    const project = syncedSite('watch-restart');
    await startWatch(project);
    expectSuccess(project.berth('restart', 'web'));
    await waitUntil(async () => (await inspect(client(), project.container('web'))).State.Running, 'web to run again');
    project.write('site/index.html', 'after restart\n');
    await project.waitForFile(client(), 'web', '/www/index.html', 'after restart\n');
  });

  test('with initial_sync, copies the files changed before watch began as it starts', async () => {
    const project = watchProject(engine(), 'watch-initial', syncedSiteFiles({ initial_sync: true }));
    expectSuccess(project.berth('up', '-d'));
    project.write('site/index.html', 'edited before watch\n');
    const watch = await startWatch(project, '--no-up');
    expect(await project.read(client(), 'web', '/www/index.html')).toBe('edited before watch\n');
    expect(watch.stdout()).toMatch(/^\[web\] synced \/www \(2 files\) \(initial sync\) in \d+ ms$/m);
  });
});

