import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { runTool } from '../../../../src/runtime/tools/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually, useEngine } from './engine-fixture.js';

/**
 * An engine process killed in the middle of a create or a start leaves runc's container, conmon,
 * a mounted root or a container directory without a record; the next engine settles them: a
 * start runc got through is adopted as running, anything less undone, so the container can start.
 */
describeAsRoot('a new engine on the state of one killed in the middle of a start', () => {
  const fixture = useEngine();

  /** runc behind a wrapper that kills the engine (SIGKILL) once, when runc is asked to `command`, and then does it. */
  function runcKillingAt(): string {
    const directory = join(fixture.root, 'runc-wrapper');
    mkdirSync(directory, { recursive: true });
    const wrapper = join(directory, 'runc');
    const order = join(directory, 'kill-at');
    const script = `#!/bin/sh\nif [ -f ${order} ]; then read command pid < ${order}; for arg; do if [ "$arg" = "$command" ]; then rm -f ${order}; kill -9 "$pid"; fi; done; fi\nexec /usr/sbin/runc "$@"\n`;
    writeFileSync(wrapper, script);
    chmodSync(wrapper, 0o755);
    return wrapper;
  }

  /** Creates a container in another engine process and starts it there; that process dies at the runc command `killAt`. */
  async function startKilledAt(killAt: 'create' | 'start'): Promise<string> {
    const options = fixture.options();
    const image = await fixture.image('busybox');
    fixture.engine().close();
    const args = [options.stateDirectory, options.runDirectory, join(fixture.root, 'images'), options.cgroupParent!, runcKillingAt(), killAt, image];
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'interrupted-start.fixture.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    // runc finishes what it was asked without the engine.
    await eventually(() => !existsSync(join(fixture.root, 'runc-wrapper', 'kill-at')) && runcCommandsUnder(fixture.root) === 0, 'runc to finish');
    return line.trim();
  }

  it('adopts a container runc started after the engine died, as running under its process', async () => {
    const id = await startKilledAt('start');
    const pid = Number(readFileSync(join(fixture.options().runDirectory, 'monitors', id, 'pid'), 'utf8'));
    const engine = await fixture.reopen();
    expect(engine.inspect(id).State).toMatchObject({ Status: 'running', Running: true, Pid: pid });
    await engine.stop(id, 0);
    expect(engine.inspect(id).State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 137 });
  });

  it('undoes a start the engine died in before runc started the container: it stays created and starts again', async () => {
    const id = await startKilledAt('create');
    const engine = await fixture.reopen();
    expect(engine.inspect(id).State).toMatchObject({ Status: 'created', Running: false, Pid: 0 });
    expect(existsSync(join(fixture.options().runDirectory, 'runc', id))).toBe(false);
    await engine.start(id);
    expect(engine.inspect(id).State).toMatchObject({ Status: 'running', Running: true });
  });

  it('removes a container directory a create left without a record, its root unmounted first', async () => {
    const directory = join(fixture.options().stateDirectory, 'containers', 'ab'.repeat(32));
    const merged = join(directory, 'rootfs', 'merged');
    mkdirSync(merged, { recursive: true });
    expect((await runTool('mount', ['-t', 'tmpfs', 'tmpfs', merged])).code).toBe(0);
    try {
      await fixture.reopen();
      expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(merged);
      expect(existsSync(directory)).toBe(false);
    } finally {
      // A failure here must not leave the mount to the fixture's clean-up, which would delete through it.
      if (readFileSync('/proc/self/mountinfo', 'utf8').includes(merged)) await runTool('umount', [merged]);
    }
  });
});

/** runc commands (not a container's `runc init`) working on the engine's directories. */
function runcCommandsUnder(root: string): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('runc') && argv.some((arg) => arg.includes(root))) count += 1;
    } catch {
      // gone while we looked
    }
  }
  return count;
}
