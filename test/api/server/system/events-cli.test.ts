import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { unixTime } from './event-times.js';
import { watchSubscriptions } from './hub-subscriptions.js';
import { rawRequest } from './raw-request.js';

/** Networks by name, volumes by their id (which is their name). */
const lineFormat = '{{.Type}} {{.Action}} {{with .Actor.Attributes.name}}{{.}}{{else}}{{.Actor.ID}}{{end}}';

/**
 * `--until` for what has just happened: the engine stamps events below the millisecond, so the
 * current millisecond is over only at the next one.
 */
function justNow(): string {
  return unixTime(Date.now() + 1);
}

describeAsRoot('docker events', () => {
  const fixture = useApiServer();

  it('with --since and --until shows what happened in between, and ends', async () => {
    const since = unixTime();
    expect((await rawRequest(fixture.socketPath(), 'POST', '/networks/create', { Name: 'events-past' })).status).toBe(201);
    expect((await rawRequest(fixture.socketPath(), 'POST', '/volumes/create', { Name: 'events-past-data' })).status).toBe(201);
    expect((await rawRequest(fixture.socketPath(), 'DELETE', '/networks/events-past')).status).toBe(204);
    expect((await rawRequest(fixture.socketPath(), 'DELETE', '/volumes/events-past-data')).status).toBe(204);
    const result = await fixture.docker(['events', '--since', since, '--until', justNow(), '--format', lineFormat]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['network create events-past', 'volume create events-past-data', 'network destroy events-past', 'volume destroy events-past-data']);
  });

  it('shows a container life with its name, its labels and its exit code, filtered by container', async () => {
    const image = await fixture.engine.image('busybox');
    const containers = fixture.parts().containers;
    const since = unixTime();
    const { Id } = await containers.create({ Image: image, Cmd: ['sh', '-c', 'exit 3'], Labels: { tier: 'events' }, HostConfig: { NetworkMode: 'none' } }, 'events-life');
    await containers.start(Id);
    expect((await containers.wait(Id)).StatusCode).toBe(3);
    await containers.remove(Id);
    const format = '{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.tier}} {{with index .Actor.Attributes "exitCode"}}exit {{.}}{{end}}';
    const result = await fixture.docker(['events', '--since', since, '--until', justNow(), '--filter', 'container=events-life', '--format', format]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => line.trim())).toEqual(['create events-life events', 'start events-life events', 'die events-life events exit 3', 'destroy events-life events']);
  });

  it('without --until follows: it sees a network made after it started', async () => {
    const subscriptions = watchSubscriptions(fixture.parts().events);
    const config = mkdtempSync(join(tmpdir(), 'bevents-'));
    const cli = spawn('docker', ['-H', `unix://${fixture.socketPath()}`, 'events', '--format', lineFormat], { env: { ...process.env, DOCKER_CONFIG: config } });
    try {
      let output = '';
      cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await eventually(() => subscriptions.active() === 1, 'docker events to subscribe');
      expect((await rawRequest(fixture.socketPath(), 'POST', '/networks/create', { Name: 'events-live' })).status).toBe(201);
      await eventually(() => output.includes('network create events-live\n'), 'the create to reach docker events');
      cli.kill();
      await eventually(() => subscriptions.active() === 0, 'the stream to end with docker events');
    } finally {
      cli.kill();
      subscriptions.restore();
      rmSync(config, { recursive: true, force: true });
    }
  });
});
