import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker logs` on berth's daemon: the streams apart, the options, and `-f` following a running container. */
describeAsRoot('docker logs on berth daemon', () => {
  const { docker, startDocker, removeAfterTest } = useDockerCli();

  async function runToExit(name: string, script: string): Promise<void> {
    removeAfterTest('container', name);
    expect((await docker(['run', '--name', name, 'busybox', 'sh', '-c', script])).exitCode).toBe(0);
  }

  it('logs prints what the container wrote, stdout and stderr each on its own stream', async () => {
    await runToExit('logs-streams', 'echo out-1; echo err-1 >&2; echo out-2');
    expect(await docker(['logs', 'logs-streams'])).toEqual({ stdout: 'out-1\nout-2\n', stderr: 'err-1\n', exitCode: 0 });
  });

  it('logs --tail prints only the last lines', async () => {
    await runToExit('logs-tail', 'for n in 1 2 3 4 5; do echo line-$n; done');
    expect((await docker(['logs', '--tail', '2', 'logs-tail'])).stdout).toBe('line-4\nline-5\n');
  });

  it('logs --timestamps puts each line\'s RFC 3339 time in nanoseconds before it', async () => {
    await runToExit('logs-times', 'echo stamped');
    expect((await docker(['logs', '--timestamps', 'logs-times'])).stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stamped\n$/);
  });

  it('logs --details puts a space before each line, as dockerd does for a log with no attributes', async () => {
    await runToExit('logs-details', 'echo detailed');
    expect((await docker(['logs', '--details', 'logs-details'])).stdout).toBe(' detailed\n');
  });

  it('logs -f prints lines the container writes after it started following', async () => {
    removeAfterTest('container', 'logs-follow');
    await docker(['run', '-d', '--name', 'logs-follow', 'busybox', 'sh', '-c', 'echo before; while [ ! -e /tmp/go ]; do sleep 0.1; done; echo after; sleep 300']);
    const follow = startDocker(['logs', '--follow', 'logs-follow']);
    await follow.waitForOutput('before\n');
    expect(follow.stdout()).toBe('before\n');
    await docker(['exec', 'logs-follow', 'touch', '/tmp/go']);
    await follow.waitForOutput('after\n');
    expect(follow.stdout()).toBe('before\nafter\n');
  });

  it('logs -f ends, exit code 0, when the container stops', async () => {
    removeAfterTest('container', 'logs-stop');
    await docker(['run', '-d', '--name', 'logs-stop', 'busybox', 'sh', '-c', 'echo running; sleep 300']);
    const follow = startDocker(['logs', '--follow', 'logs-stop']);
    await follow.waitForOutput('running\n');
    await docker(['stop', '--timeout', '1', 'logs-stop']);
    expect(await follow.finished).toEqual({ stdout: 'running\n', stderr: '', exitCode: 0 });
  });

  it('logs of an unknown container fails with dockerd\'s message', async () => {
    expect(await docker(['logs', 'no-such-container'])).toEqual({ stdout: '', stderr: 'Error response from daemon: No such container: no-such-container\n', exitCode: 1 });
  });
});
