import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** Into a running container with the docker CLI on berth's daemon: `docker exec` and `docker cp`. */
describeAsRoot('docker exec and cp on berth daemon', () => {
  const { docker, removeAfterTest } = useDockerCli();
  const hostDirectory = mkdtempSync(join(tmpdir(), 'berth-docker-cp-'));
  afterAll(() => rmSync(hostDirectory, { recursive: true, force: true }));

  async function runIdle(name: string): Promise<string> {
    removeAfterTest('container', name);
    const started = await docker(['run', '-d', '--name', name, 'busybox', 'sleep', '300']);
    expect(started.exitCode, started.stderr).toBe(0);
    return started.stdout.trim();
  }

  it('exec prints the command\'s output, stdout and stderr apart', async () => {
    await runIdle('exec-output');
    expect(await docker(['exec', 'exec-output', 'sh', '-c', 'echo inside; echo oops >&2'])).toEqual({ stdout: 'inside\n', stderr: 'oops\n', exitCode: 0 });
  });

  it('exec exits with the command\'s exit code', async () => {
    await runIdle('exec-code');
    expect((await docker(['exec', 'exec-code', 'sh', '-c', 'exit 5'])).exitCode).toBe(5);
  });

  it('exec -i feeds piped input to the command', async () => {
    await runIdle('exec-input');
    expect(await docker(['exec', '-i', 'exec-input', 'sh', '-c', 'read line; echo got-$line'], { input: 'piped\n' })).toEqual({ stdout: 'got-piped\n', stderr: '', exitCode: 0 });
  });

  it('exec -i passes megabytes of piped input through unchanged', async () => {
    await runIdle('exec-big-input');
    const input = Buffer.alloc(3_000_000, 'klmnopqrst');
    expect((await docker(['exec', '-i', 'exec-big-input', 'wc', '-c'], { input })).stdout).toBe(`${input.length}\n`);
  });

  it('exec -w, -e and -u set the directory, environment and user', async () => {
    await runIdle('exec-options');
    const result = await docker(['exec', '-w', '/tmp', '-e', 'GREETING=hello', '-u', 'nobody', 'exec-options', 'sh', '-c', 'pwd; echo $GREETING; id -un']);
    expect(result).toEqual({ stdout: '/tmp\nhello\nnobody\n', stderr: '', exitCode: 0 });
  });

  it('exec of a command the image lacks exits 126 with runc\'s reason', async () => {
    await runIdle('exec-missing');
    const result = await docker(['exec', 'exec-missing', 'no-such-command']);
    expect(result.exitCode).toBe(126);
    // dockerd writes the failure into the exec's output stream, where the CLI prints it to stdout.
    expect(result.stdout).toContain('exec: "no-such-command": executable file not found in $PATH');
  });

  it('exec in a stopped container fails with dockerd\'s message', async () => {
    const id = await runIdle('exec-stopped');
    await docker(['stop', '--timeout', '0', 'exec-stopped']);
    expect(await docker(['exec', 'exec-stopped', 'true'])).toEqual({ stdout: '', stderr: `Error response from daemon: Container ${id} is not running\n`, exitCode: 1 });
  });

  it('cp copies a host file into the container', async () => {
    await runIdle('cp-in');
    const source = join(hostDirectory, 'to-container.txt');
    writeFileSync(source, 'from the host\n');
    expect(await docker(['cp', source, 'cp-in:/tmp/copied.txt'])).toMatchObject({ stdout: '', exitCode: 0 });
    expect((await docker(['exec', 'cp-in', 'cat', '/tmp/copied.txt'])).stdout).toBe('from the host\n');
  });

  it('cp copies a file out of the container to the host', async () => {
    await runIdle('cp-out');
    await docker(['exec', 'cp-out', 'sh', '-c', 'echo from the container > /tmp/made.txt']);
    const target = join(hostDirectory, 'from-container.txt');
    expect(await docker(['cp', 'cp-out:/tmp/made.txt', target])).toMatchObject({ stdout: '', exitCode: 0 });
    expect(readFileSync(target, 'utf8')).toBe('from the container\n');
  });

  it('cp of a path the container lacks fails with dockerd\'s message', async () => {
    await runIdle('cp-missing');
    expect(await docker(['cp', 'cp-missing:/tmp/none', hostDirectory])).toEqual({ stdout: '', stderr: 'Error response from daemon: Could not find the file /tmp/none in container cp-missing\n', exitCode: 1 });
  });
});
