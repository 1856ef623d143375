import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBerthEngine, type BerthTestEngine } from '../harness/berth-engine.js';
import { pushFixture } from '../harness/fixtures/index.js';
import { useRegistry } from '../harness/registry.js';
import { describeAsRoot } from '../harness/root.js';

const run = promisify(execFile);

/** The machine's real docker CLI against berth's daemon, the test registry as its Docker Hub mirror. */
describeAsRoot('the docker CLI on berth daemon', () => {
  const registry = useRegistry();
  let engine: BerthTestEngine | undefined;
  beforeAll(async () => {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    engine = await startBerthEngine({ config: { 'registry-mirrors': [registry().url] } });
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  }, 60_000);

  async function docker(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    try {
      const { stdout, stderr } = await run('docker', ['-H', `unix://${engine!.setup.socketPath}`, ...args], {
        env: { ...process.env, DOCKER_CONFIG: join(engine!.directory, 'docker-config'), DOCKER_CLI_HINTS: 'false' },
        timeout: 60_000,
      });
      return { stdout, stderr, exitCode: 0 };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; code?: number };
      return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', exitCode: typeof failed.code === 'number' ? failed.code : -1 };
    }
  }

  it('docker version shows berth as the server, speaking API 1.41', async () => {
    const result = await docker('version', '--format', '{{.Server.Platform.Name}} {{.Server.APIVersion}}');
    expect(result).toMatchObject({ stdout: 'berth 1.41\n', exitCode: 0 });
  });

  it('docker run --rm pulls busybox through the mirror and prints the command\'s output', async () => {
    const result = await docker('run', '--rm', 'busybox', 'echo', 'hi');
    expect(result.stdout).toBe('hi\n');
    expect(result.exitCode).toBe(0);
  }, 60_000);
});
