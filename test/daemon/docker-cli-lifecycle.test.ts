import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

const idleCommand = ['sleep', '300'];

/** A detached container's life through the docker CLI on berth's daemon: ps, inspect, stop, kill, pause, restart, top, rm. */
describeAsRoot('container lifecycle with the docker CLI on berth daemon', () => {
  const { docker, removeAfterTest } = useDockerCli();

  async function runDetached(name: string, command: readonly string[] = idleCommand, options: readonly string[] = []): Promise<string> {
    removeAfterTest('container', name);
    const started = await docker(['run', '-d', '--name', name, ...options, 'busybox', ...command]);
    expect(started, `docker run -d --name ${name}`).toMatchObject({ stderr: '', exitCode: 0 });
    expect(started.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    return started.stdout.trim();
  }

  const inspect = async (name: string, format: string): Promise<string> => (await docker(['inspect', '--format', format, name])).stdout.trim();

  it('ps lists running containers, and ps -a the exited ones too', async () => {
    await runDetached('ps-running');
    await runDetached('ps-exited', ['true']);
    await docker(['wait', 'ps-exited']);
    expect((await docker(['ps', '--format', '{{.Names}} {{.Status}}'])).stdout).toMatch(/^ps-running Up .+\n$/);
    const all = (await docker(['ps', '--all', '--format', '{{.Names}} {{.Status}}'])).stdout;
    expect(all).toMatch(/^ps-running Up .+\n/m);
    expect(all).toMatch(/^ps-exited Exited \(0\) .+ ago$/m);
  });

  it('ps -a --filter narrows the list by name, status and label', async () => {
    await runDetached('filter-web', idleCommand, ['--label', 'tier=front']);
    await runDetached('filter-job', ['true'], ['--label', 'tier=back']);
    await docker(['wait', 'filter-job']);
    const names = async (...filters: string[]): Promise<string> => (await docker(['ps', '--all', ...filters.flatMap((filter) => ['--filter', filter]), '--format', '{{.Names}}'])).stdout;
    expect(await names('name=filter-web')).toBe('filter-web\n');
    expect(await names('status=exited')).toBe('filter-job\n');
    expect(await names('label=tier=front')).toBe('filter-web\n');
    expect(await names('name=filter', 'status=running')).toBe('filter-web\n');
  });

  it('ps shows the command as dockerd does, quoting arguments that hold spaces', async () => {
    await runDetached('ps-command', ['sh', '-c', 'sleep 300']);
    expect((await docker(['ps', '--no-trunc', '--format', '{{.Command}}'])).stdout).toBe('"sh -c \'sleep 300\'"\n');
  });

  it('inspect shows a running container\'s State', async () => {
    const id = await runDetached('inspect-running');
    const state = JSON.parse(await inspect('inspect-running', '{{json .State}}')) as Record<string, unknown>;
    expect(state).toMatchObject({ Status: 'running', Running: true, Paused: false, Restarting: false, Dead: false, ExitCode: 0, Error: '' });
    expect(state.Pid).toBeGreaterThan(0);
    expect(await inspect('inspect-running', '{{.Id}} {{.Name}} {{.Config.Image}}')).toBe(`${id} /inspect-running busybox`);
  });

  it('inspect of an unknown name fails as with dockerd', async () => {
    expect(await docker(['inspect', 'no-such-container'])).toEqual({ stdout: '[]\n', stderr: 'Error: No such object: no-such-container\n', exitCode: 1 });
  });

  it('stop ends the container (SIGKILL after the timeout) and prints its name', async () => {
    await runDetached('stop-me');
    expect(await docker(['stop', '--timeout', '1', 'stop-me'])).toEqual({ stdout: 'stop-me\n', stderr: '', exitCode: 0 });
    // sleep, as pid 1, ignores SIGTERM: the SIGKILL after a second ends it.
    expect(await inspect('stop-me', '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 137');
  });

  it('kill -s sends the named signal to the container\'s process', async () => {
    await runDetached('kill-usr1', ['sh', '-c', 'trap "echo got-usr1; exit 0" USR1; echo ready; while true; do sleep 0.1; done']);
    await waitForLogs('kill-usr1', 'ready\n');
    expect(await docker(['kill', '--signal', 'USR1', 'kill-usr1'])).toEqual({ stdout: 'kill-usr1\n', stderr: '', exitCode: 0 });
    expect((await docker(['wait', 'kill-usr1'])).stdout).toBe('0\n');
    expect((await docker(['logs', 'kill-usr1'])).stdout).toBe('ready\ngot-usr1\n');
  });

  it('kill of a stopped container fails with dockerd\'s message', async () => {
    const id = await runDetached('kill-stopped', ['true']);
    await docker(['wait', 'kill-stopped']);
    const result = await docker(['kill', 'kill-stopped']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(`Error response from daemon: Cannot kill container: kill-stopped: Container ${id} is not running\n`);
  });

  it('pause freezes the container and unpause thaws it', async () => {
    await runDetached('pause-me');
    expect(await docker(['pause', 'pause-me'])).toEqual({ stdout: 'pause-me\n', stderr: '', exitCode: 0 });
    expect(await inspect('pause-me', '{{.State.Status}} {{.State.Paused}}')).toBe('paused true');
    expect((await docker(['ps', '--format', '{{.Status}}'])).stdout).toMatch(/^Up .+ \(Paused\)\n$/);
    expect((await docker(['exec', 'pause-me', 'true'])).stderr).toBe('Error response from daemon: Container pause-me is paused, unpause the container before exec\n');
    expect(await docker(['unpause', 'pause-me'])).toEqual({ stdout: 'pause-me\n', stderr: '', exitCode: 0 });
    expect(await inspect('pause-me', '{{.State.Status}} {{.State.Paused}}')).toBe('running false');
  });

  it('restart runs the container again with a new process', async () => {
    await runDetached('restart-me');
    const before = await inspect('restart-me', '{{.State.Pid}} {{.State.StartedAt}}');
    expect(await docker(['restart', '--timeout', '1', 'restart-me'])).toEqual({ stdout: 'restart-me\n', stderr: '', exitCode: 0 });
    const after = await inspect('restart-me', '{{.State.Pid}} {{.State.StartedAt}}');
    expect(await inspect('restart-me', '{{.State.Status}}')).toBe('running');
    const [pidBefore, startedBefore] = before.split(' ');
    const [pidAfter, startedAfter] = after.split(' ');
    expect(pidAfter).not.toBe(pidBefore);
    expect(Date.parse(startedAfter!)).toBeGreaterThan(Date.parse(startedBefore!));
  });

  it('top lists the container\'s processes, with ps options too', async () => {
    await runDetached('top-me');
    const table = (await docker(['top', 'top-me'])).stdout.split('\n');
    expect(table[0]!.split(/\s+/)).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(table[1]).toMatch(/^root\s+\d+\s+\d+\s.*\ssleep 300$/);
    const pid = await inspect('top-me', '{{.State.Pid}}');
    expect((await docker(['top', 'top-me', '-o', 'pid,comm'])).stdout.split('\n').map((line) => line.split(/\s+/))).toEqual([['PID', 'COMMAND'], [pid, 'sleep'], ['']]);
  });

  it('rm -f removes a running container', async () => {
    await runDetached('remove-me');
    expect(await docker(['rm', '--force', 'remove-me'])).toEqual({ stdout: 'remove-me\n', stderr: '', exitCode: 0 });
    expect((await docker(['ps', '--all', '--quiet'])).stdout).toBe('');
  });

  it('rm without -f refuses a running container with dockerd\'s message', async () => {
    const id = await runDetached('remove-running');
    const result = await docker(['rm', 'remove-running']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(`Error response from daemon: You cannot remove a running container ${id}. Stop the container before attempting removal or force remove\n`);
  });

  /** Polls `docker logs` until the container has printed `text` (its readiness), without a fixed sleep. */
  async function waitForLogs(name: string, text: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await docker(['logs', name])).stdout.includes(text)) {
      if (Date.now() > deadline) throw new Error(`container ${name} did not print ${JSON.stringify(text)} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});
