import { describe, expect, test } from 'vitest';
import { inspect } from '../../helpers/engine-probe.js';
import { busybox, expectSuccess, readOnlyProject, useReadOnlyEngine } from './read-only-project.js';

const { engine, client } = useReadOnlyEngine();

/** One service that says when it starts, then sleeps; init makes stopping it quick. */
const compose = `
services:
  web:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "echo web started; exec sleep 600"]
`;

function projectUp(label: string): ReturnType<typeof readOnlyProject> {
  const project = readOnlyProject(engine(), label, compose);
  expectSuccess(project.berth('up', '-d'));
  return project;
}

describe('logs -f', () => {
  test('keeps printing after the container is restarted', async () => {
    const project = projectUp('follow-restart');
    const logs = project.start('logs', '-f');
    await logs.waitForOutput(/^web-1 +\| web started$/m);
    await client().containers.restart(project.container('web'), { t: 1 });
    await logs.waitForOutput(/web started[\s\S]*^web-1 +\| web started$/m);
    logs.signal('SIGINT');
    expect((await logs.exited).status).toBe(130);
  });

  test('follows the new container when the service is recreated', async () => {
    const project = projectUp('follow-recreate');
    const before = (await inspect(client(), project.container('web'))).Id;
    const logs = project.start('logs', '-f', 'web');
    await logs.waitForOutput(/^web-1 +\| web started$/m);
    expectSuccess(project.berth('up', '-d', '--force-recreate'));
    expect((await inspect(client(), project.container('web'))).Id).not.toBe(before);
    await logs.waitForOutput(/web started[\s\S]*^web-1 +\| web started$/m);
    logs.signal('SIGINT');
    expect((await logs.exited).status).toBe(130);
  });
});

describe('events', () => {
  test("prints the project's container events in Compose's text form", async () => {
    const project = projectUp('events-text');
    const { Id: id } = await inspect(client(), project.container('web'));
    // --since makes the restart count even if it happens before `events` has connected.
    const events = project.start('events', '--since', secondsAgo(1));
    await client().containers.restart(project.container('web'), { t: 1 });
    await events.waitForOutput(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container restart ${id} \\(.*name=${project.container('web')}.*\\)$`, 'm'));
    events.signal('SIGINT');
    expect((await events.exited).status).toBe(130);
  });

  test('--json prints one object per event with the service and action', async () => {
    const project = projectUp('events-json');
    const { Id: id } = await inspect(client(), project.container('web'));
    const events = project.start('events', '--json', '--since', secondsAgo(1));
    await client().containers.restart(project.container('web'), { t: 1 });
    await events.waitForOutput(/"action":"restart"/);
    const restart = events.stdout().split('\n').filter(Boolean).map((text) => JSON.parse(text) as Record<string, unknown>).find((event) => event.action === 'restart');
    expect(restart).toMatchObject({ type: 'container', action: 'restart', id, service: 'web', attributes: { name: project.container('web') } });
    events.signal('SIGINT');
    await events.exited;
  });

  test("leaves out other projects' containers", async () => {
    const project = projectUp('events-mine');
    const other = projectUp('events-other');
    const since = secondsAgo(0);
    await client().containers.restart(other.container('web'), { t: 1 });
    await client().containers.restart(project.container('web'), { t: 1 });
    // With --until in the past, `events` replays that span and ends by itself.
    const until = secondsAgo(0);
    const { stdout } = expectSuccess(project.berth('events', '--since', since, '--until', until));
    expect(stdout).toContain(`name=${project.container('web')}`);
    expect(stdout).not.toContain(other.container('web'));
  });
});

/** Unix seconds `seconds` before now, as `--since` and `--until` take them. */
function secondsAgo(seconds: number): string {
  return (Date.now() / 1000 - seconds).toFixed(3);
}
