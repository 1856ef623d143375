import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startBerthEngine, type BerthTestEngine } from '../harness/berth-engine.js';
import { pushFixture } from '../harness/fixtures/index.js';
import { useRegistry, type TestRegistry } from '../harness/registry.js';
import { startDocker, type DockerCommandOptions, type DockerResult, type RunningDocker } from './docker-command.js';

type Removable = 'container' | 'network' | 'volume' | 'image';

/**
 * A berth daemon for one test file, driven by the machine's real docker CLI. The test registry
 * is the daemon's Docker Hub mirror and holds busybox as `library/busybox:latest`, which is
 * pulled before the first test, so `busybox` works as it does on a machine with Docker.
 *
 * Each test names what it makes with `removeAfterTest`; after the test those go (pass or fail),
 * and then no container, user network or volume may be left: a leak fails the test that made it.
 */
export interface DockerCliFixture {
  engine(): BerthTestEngine;
  registry(): TestRegistry;
  /** `docker ARGS...` to its end; never rejects on a non-zero exit. */
  docker(args: readonly string[], options?: DockerCommandOptions): Promise<DockerResult>;
  /** `docker ARGS...` left running; killed after the test if it is still running. */
  startDocker(args: readonly string[], options?: DockerCommandOptions): RunningDocker;
  /** Removes the object (by name or id) once the test is over. */
  removeAfterTest(kind: Removable, name: string): void;
}

const removeCommands: Record<Removable, string[]> = {
  container: ['rm', '-f', '-v'],
  network: ['network', 'rm'],
  volume: ['volume', 'rm', '-f'],
  image: ['rmi', '-f'],
};

export function useDockerCli(): DockerCliFixture {
  const registry = useRegistry();
  let started: BerthTestEngine | undefined;
  const engine = (): BerthTestEngine => {
    if (!started) throw new Error('the berth test engine is not running: call the getter inside a test or hook');
    return started;
  };
  const cleanups: { kind: Removable; name: string }[] = [];
  const running: RunningDocker[] = [];

  const configDirectory = (): string => join(engine().directory, 'docker-config');
  const run = (args: readonly string[], options?: DockerCommandOptions): RunningDocker => startDocker(engine().setup.socketPath, configDirectory(), args, options);
  const docker = (args: readonly string[], options?: DockerCommandOptions): Promise<DockerResult> => run(args, options).finished;

  // Registered after the registry's hooks: the daemon starts after the registry and stops before it.
  beforeAll(async () => {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    started = await startBerthEngine({ config: { 'registry-mirrors': [registry().url] } });
    const pulled = await docker(['pull', '--quiet', 'busybox']);
    expect(pulled, 'busybox is pulled through the registry mirror').toMatchObject({ stdout: 'docker.io/library/busybox:latest\n', exitCode: 0 });
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  }, 60_000);

  afterEach(async () => {
    for (const command of running.splice(0)) command.stop();
    // Containers first: networks and volumes in use cannot go before them.
    const order: Removable[] = ['container', 'network', 'volume', 'image'];
    const due = cleanups.splice(0).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    for (const { kind, name } of due) await docker([...removeCommands[kind], name]);
    const leaks = [
      ...(await names(['ps', '--all', '--format', 'container {{.Names}}'])),
      ...(await names(['network', 'ls', '--filter', 'type=custom', '--format', 'network {{.Name}}'])),
      ...(await names(['volume', 'ls', '--format', 'volume {{.Name}}'])),
    ];
    // Whatever leaked goes too, so the next test starts clean; the leak still fails this one.
    for (const leak of leaks) {
      const [kind, name] = leak.split(' ') as [Removable, string];
      await docker([...removeCommands[kind], name]);
    }
    expect(leaks, 'what the test left behind (name it with removeAfterTest)').toEqual([]);
  }, 60_000);

  async function names(args: string[]): Promise<string[]> {
    const listed = await docker(args);
    expect(listed.exitCode, `docker ${args.join(' ')}: ${listed.stderr}`).toBe(0);
    return listed.stdout.split('\n').filter((line) => line !== '');
  }

  return {
    engine,
    registry,
    docker,
    startDocker(args, options) {
      const command = run(args, options);
      running.push(command);
      return command;
    },
    removeAfterTest(kind, name) {
      cleanups.push({ kind, name });
    },
  };
}
