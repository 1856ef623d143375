import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker run` in the foreground on berth's daemon: output, exit codes, piped input, `--rm`, and `docker wait`. */
describeAsRoot('docker run on berth daemon', () => {
  const { docker, startDocker, removeAfterTest } = useDockerCli();

  it('run --rm prints the output and leaves no container behind', async () => {
    const result = await docker(['run', '--rm', '--name', 'run-echo', 'busybox', 'echo', 'hi']);
    expect(result).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect((await docker(['ps', '--all', '--quiet', '--filter', 'name=run-echo'])).stdout).toBe('');
  });

  it('run exits with the exit code of the container\'s command', async () => {
    const result = await docker(['run', '--rm', 'busybox', 'sh', '-c', 'exit 3']);
    expect(result).toEqual({ stdout: '', stderr: '', exitCode: 3 });
  });

  it('run passes the container\'s stderr to its own stderr', async () => {
    const result = await docker(['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2']);
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 0 });
  });

  it('run --rm of a command the image lacks exits 127 with runc\'s reason and removes the container', async () => {
    const result = await docker(['run', '--rm', '--name', 'run-missing', 'busybox', 'no-such-command'], { timeoutMs: 20_000 });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain('exec: "no-such-command": executable file not found in $PATH');
    expect((await docker(['ps', '--all', '--quiet', '--filter', 'name=run-missing'])).stdout).toBe('');
  });

  it('run -i feeds piped input to the container and closes its stdin at the end', async () => {
    const result = await docker(['run', '--rm', '-i', 'busybox', 'sh', '-c', 'cat; echo end-of-input'], { input: 'first\nsecond\n' });
    expect(result).toEqual({ stdout: 'first\nsecond\nend-of-input\n', stderr: '', exitCode: 0 });
  });

  it('run -i passes megabytes of piped input through unchanged', async () => {
    const input = Buffer.alloc(3_000_000, 'abcdefghij');
    const result = await docker(['run', '--rm', '-i', 'busybox', 'wc', '-c'], { input });
    expect(result).toEqual({ stdout: `${input.length}\n`, stderr: '', exitCode: 0 });
  });

  it('run -i exits with the code the command chose after reading its input', async () => {
    const result = await docker(['run', '--rm', '-i', 'busybox', 'sh', '-c', 'read line; exit "$line"'], { input: '4\n' });
    expect(result.exitCode).toBe(4);
  });

  it('wait blocks until the container exits and prints its exit code', async () => {
    removeAfterTest('container', 'run-wait');
    const started = await docker(['run', '-d', '--name', 'run-wait', 'busybox', 'sh', '-c', 'while [ ! -e /tmp/go ]; do sleep 0.1; done; exit 7']);
    expect(started.exitCode).toBe(0);
    const wait = startDocker(['wait', 'run-wait']);
    await docker(['exec', 'run-wait', 'touch', '/tmp/go']);
    expect(await wait.finished).toEqual({ stdout: '7\n', stderr: '', exitCode: 0 });
  });

  it('wait on a container that has exited prints its exit code at once', async () => {
    removeAfterTest('container', 'run-exited');
    expect((await docker(['run', '--name', 'run-exited', 'busybox', 'sh', '-c', 'exit 5'])).exitCode).toBe(5);
    expect(await docker(['wait', 'run-exited'])).toEqual({ stdout: '5\n', stderr: '', exitCode: 0 });
  });
});
