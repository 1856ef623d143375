import { describeAsRoot } from '../../../harness/root.js';
import { expect, it } from 'vitest';
import { eventually, useEngine } from './engine-fixture.js';

const milliseconds = 1e6;

describeAsRoot("the container engine's health checks", () => {
  const fixture = useEngine();

  it('turns healthy when the probe passes, then unhealthy after Retries failures', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({
      Image: await fixture.image('busybox'),
      Cmd: ['sleep', '1000'],
      Healthcheck: { Test: ['CMD-SHELL', 'echo probing; test ! -e /tmp/sick'], Interval: 100 * milliseconds, Timeout: 5000 * milliseconds, Retries: 2 },
    });
    const statuses: string[] = [];
    const unsubscribe = engine.subscribe((event) => {
      if (event.id === Id && event.action === 'health_status') statuses.push(event.health ?? '');
    });
    await engine.start(Id);
    expect(engine.inspect(Id).State.Health?.Status).toBe('starting');
    await eventually(() => engine.inspect(Id).State.Health?.Status === 'healthy', 'a healthy container');
    expect(engine.inspect(Id).State.Health?.Log?.at(-1)).toMatchObject({ ExitCode: 0, Output: 'probing\n' });

    expect((await engine.exec(Id, { Cmd: ['touch', '/tmp/sick'] })).exitCode).toBe(0);
    const health = await eventually(() => (engine.inspect(Id).State.Health?.Status === 'unhealthy' ? engine.inspect(Id).State.Health : undefined), 'an unhealthy container');
    expect(health.FailingStreak).toBe(2);
    expect(health.Log?.at(-1)).toMatchObject({ ExitCode: 1 });
    unsubscribe();
    expect(statuses).toEqual(['healthy', 'unhealthy']);
    expect(engine.list()[0]?.Status).toMatch(/^Up .* \(unhealthy\)$/);
  });

  it('starts from `starting` again when the container is restarted', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({
      Image: await fixture.image('busybox'),
      Cmd: ['sleep', '1000'],
      Healthcheck: { Test: ['CMD', 'true'], Interval: 100 * milliseconds, Retries: 1 },
    });
    await engine.start(Id);
    await eventually(() => engine.inspect(Id).State.Health?.Status === 'healthy', 'a healthy container');
    await engine.stop(Id, 0);
    await engine.start(Id);
    expect(engine.inspect(Id).State.Health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
  });
});
