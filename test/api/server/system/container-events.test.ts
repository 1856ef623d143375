import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { unixTime } from './event-times.js';

describeAsRoot('container events', () => {
  const fixture = useApiServer();

  it('tell a health change as Docker does, and a stop, with the container name', async () => {
    const image = await fixture.engine.image('busybox');
    const containers = fixture.parts().containers;
    const since = unixTime();
    const { Id } = await containers.create(
      { Image: image, Cmd: ['sleep', '60'], Healthcheck: { Test: ['CMD', 'true'], Interval: 100_000_000, Retries: 1 }, HostConfig: { NetworkMode: 'none' } },
      'events-health',
    );
    await containers.start(Id);
    await eventually(() => containers.inspect(Id).State.Health?.Status === 'healthy', 'the container to be healthy');
    await containers.stop(Id, 0);
    const format = '{{.Action}} {{.Actor.Attributes.name}}';
    const result = await fixture.docker(['events', '--since', since, '--until', unixTime(Date.now() + 1), '--filter', 'type=container', '--filter', 'event=health_status', '--filter', 'event=stop', '--format', format]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['health_status: healthy events-health', 'stop events-health']);
  });
});
