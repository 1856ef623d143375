import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** The engine as a whole through the docker CLI on berth's daemon: `docker info` and `docker events`. */
describeAsRoot('docker info and events on berth daemon', () => {
  const { engine, registry, docker, startDocker, removeAfterTest } = useDockerCli();

  /** Unix seconds now, and one second on: `--until` is inclusive to the second, so the next one covers events of this one. */
  const nowSeconds = (): number => Math.floor(Date.now() / 1000);

  it('info prints the daemon\'s settings and no warnings', async () => {
    const result = await docker(['info']);
    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toContain(`\n Docker Root Dir: ${engine().setup.dataRoot}\n`);
    expect(result.stdout).toContain(`\n Registry Mirrors:\n  ${registry().url}/\n`);
    expect(result.stdout).toContain('\n Storage Driver: overlay2\n');
    expect(result.stdout).toContain('\n Default Runtime: runc\n');
    expect(result.stdout).toMatch(/\n Default Address Pools:\n {3}Base: 10\.\d+\.0\.0\/16, Size: 24\n/);
  });

  it('info counts running and stopped containers and the images', async () => {
    removeAfterTest('container', 'info-running');
    removeAfterTest('container', 'info-stopped');
    await docker(['run', '-d', '--name', 'info-running', 'busybox', 'sleep', '300']);
    await docker(['run', '--name', 'info-stopped', 'busybox', 'true']);
    const counts = await docker(['info', '--format', '{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}} {{.Images}}']);
    expect(counts).toEqual({ stdout: '2 1 0 1 1\n', stderr: '', exitCode: 0 });
  });

  it('events --since/--until after a run --rm shows its create, attach, start, die and destroy', async () => {
    const since = nowSeconds();
    expect((await docker(['run', '--rm', '--name', 'events-run', 'busybox', 'true'])).exitCode).toBe(0);
    const result = await docker(['events', '--since', String(since), '--until', String(nowSeconds() + 1), '--filter', 'container=events-run', '--format', '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}']);
    expect(result).toEqual({ stdout: 'container create events-run\ncontainer attach events-run\ncontainer start events-run\ncontainer die events-run\ncontainer destroy events-run\n', stderr: '', exitCode: 0 });
  });

  it('events shows a die with the exit code, and the fields older clients read (status, id, from)', async () => {
    const since = nowSeconds();
    removeAfterTest('container', 'events-exit');
    const run = await docker(['run', '--name', 'events-exit', 'busybox', 'sh', '-c', 'exit 3']);
    const id = (await docker(['inspect', '--format', '{{.Id}}', 'events-exit'])).stdout.trim();
    expect(run.exitCode).toBe(3);
    const result = await docker(['events', '--since', String(since), '--until', String(nowSeconds() + 1), '--filter', 'container=events-exit', '--filter', 'event=die', '--format', '{{json .}}']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'die',
      id,
      from: 'busybox',
      Type: 'container',
      Action: 'die',
      Actor: { ID: id, Attributes: { exitCode: '3', image: 'busybox', name: 'events-exit' } },
      scope: 'local',
    });
  });

  it('events tells a stop as dockerd does: kill (SIGTERM), kill (SIGKILL), die, stop', async () => {
    removeAfterTest('container', 'events-stop');
    await docker(['run', '-d', '--name', 'events-stop', 'busybox', 'sleep', '300']);
    const since = nowSeconds();
    await docker(['stop', '--timeout', '1', 'events-stop']);
    const result = await docker(['events', '--since', String(since), '--until', String(nowSeconds() + 1), '--filter', 'container=events-stop', ...['kill', 'die', 'stop'].flatMap((action) => ['--filter', `event=${action}`]), '--format', '{{.Action}} {{.Actor.Attributes.signal}}']);
    expect(result.stdout).toBe('kill 15\nkill 9\ndie <no value>\nstop <no value>\n');
  });

  it('events tells a container joining and leaving its network at start and exit', async () => {
    removeAfterTest('network', 'events-net');
    await docker(['network', 'create', 'events-net']);
    const since = nowSeconds();
    expect((await docker(['run', '--rm', '--network', 'events-net', 'busybox', 'true'])).exitCode).toBe(0);
    const format = '{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}';
    const result = await docker(['events', '--since', String(since), '--until', String(nowSeconds() + 1), '--filter', 'network=events-net', '--filter', 'event=connect', '--filter', 'event=disconnect', '--format', format]);
    expect(result.stdout).toBe('network connect events-net bridge\nnetwork disconnect events-net bridge\n');
  });

  it('events without --until streams events as they happen, and goes on', async () => {
    // --since: an event made before the CLI has subscribed still shows, from the daemon's history.
    const events = startDocker(['events', '--since', String(nowSeconds()), '--filter', 'type=volume', '--format', '{{.Action}} {{.Actor.ID}}']);
    removeAfterTest('volume', 'events-live');
    await docker(['volume', 'create', 'events-live']);
    await events.waitForOutput('create events-live\n');
    await docker(['volume', 'rm', 'events-live']);
    await events.waitForOutput('destroy events-live\n');
    expect(events.stdout()).toBe('create events-live\ndestroy events-live\n');
  });
});
