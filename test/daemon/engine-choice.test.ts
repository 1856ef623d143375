import { execFile } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { tempConfig } from '../api/engine-selection/temp-config.js';
import { useBerthEngine } from '../harness/berth-engine.js';
import { pushFixture } from '../harness/fixtures/index.js';
import { useRegistry } from '../harness/registry.js';
import { describeAsRoot } from '../harness/root.js';
import { runBerthSource } from './berth-cli.js';
import { pullImage, runDetached } from './engine-calls.js';

/**
 * Every way of naming an engine reaches berth's daemon as it reaches dockerd: `-H`, DOCKER_HOST,
 * a berth context, a docker CLI context (which berth reads too), and the docker CLI's own
 * `--context`. The daemon runs one container of a compose project, so `berth ls -q` names the
 * project only when it really talks to this daemon.
 */
describeAsRoot('choosing berth daemon', () => {
  const registry = useRegistry();
  const engine = useBerthEngine();
  let host = '';
  beforeAll(async () => {
    const image = (await pushFixture(registry(), 'busybox', 'library/busybox:test')).reference;
    await pullImage(engine().endpoint, image);
    await runDetached(engine().endpoint, { Image: image, Cmd: ['sleep', '300'], Labels: { 'com.docker.compose.project': 'chosen', 'com.docker.compose.service': 'app' } });
    host = `unix://${engine().setup.socketPath}`;
  }, 120_000);

  it('-H and DOCKER_HOST reach it', async () => {
    const config = tempConfig();
    expect(await runBerthSource(['-H', host, 'ls', '-q'], { env: config.env })).toEqual({ status: 0, stdout: 'chosen\n', stderr: '' });
    expect(await runBerthSource(['ls', '-q'], { env: { ...config.env, DOCKER_HOST: host } })).toEqual({ status: 0, stdout: 'chosen\n', stderr: '' });
  });

  it('a berth context and a docker CLI context reach it', async () => {
    const config = tempConfig();
    expect((await runBerthSource(['context', 'create', 'ours', '--host', host], { env: config.env })).status).toBe(0);
    expect(await runBerthSource(['--context', 'ours', 'ls', '-q'], { env: config.env })).toEqual({ status: 0, stdout: 'chosen\n', stderr: '' });
    expect((await dockerCli(config.dockerConfig, ['context', 'create', 'theirs', '--docker', `host=${host}`])).status).toBe(0);
    expect(await runBerthSource(['--context', 'theirs', 'ls', '-q'], { env: config.env })).toEqual({ status: 0, stdout: 'chosen\n', stderr: '' });
  });

  it('the docker CLI reaches it through its own context', async () => {
    const config = tempConfig();
    expect((await dockerCli(config.dockerConfig, ['context', 'create', 'berth', '--docker', `host=${host}`])).status).toBe(0);
    const listed = await dockerCli(config.dockerConfig, ['--context', 'berth', 'ps', '--format', '{{.Label "com.docker.compose.project"}}']);
    expect(listed).toMatchObject({ status: 0, stdout: 'chosen\n' });
  });
});

/** The machine's docker CLI with a config directory of its own and no -H, so its context decides. */
function dockerCli(configDirectory: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^DOCKER_(HOST|CONTEXT)$/.test(key)));
  return new Promise((resolve) => {
    execFile('docker', args, { env: { ...env, DOCKER_CONFIG: configDirectory, DOCKER_CLI_HINTS: 'false' }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
