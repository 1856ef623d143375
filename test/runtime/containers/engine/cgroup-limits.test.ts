import { describeAsRoot } from '../../../harness/root.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runToExit, useEngine } from './engine-fixture.js';

const mebibyte = 1024 * 1024;

// This machine's cgroups are v1: runc binds the container's own cgroup of each controller at
// /sys/fs/cgroup/<controller> inside it, so the container reads its limits where a user would.
describeAsRoot("the container engine enforces a container's limits through its cgroups", () => {
  const fixture = useEngine();

  it('kills a process over the memory limit, and inspect says OOMKilled, as Docker does, whichever process it was', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    // tail keeps the last ten lines; /dev/zero has no newline, so its one line grows in anonymous memory without end.
    const [init, child] = await Promise.all([
      runToExit(engine, { Image: image, Cmd: ['sh', '-c', 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes; exec tail /dev/zero'], HostConfig: { Memory: 16 * mebibyte } }),
      runToExit(engine, { Image: image, Cmd: ['sh', '-c', 'exec 2>&1; tail /dev/zero; echo "the shell goes on"'], HostConfig: { Memory: 16 * mebibyte } }),
    ]);
    expect(init).toMatchObject({ exitCode: 137, log: `${16 * mebibyte}\n` });
    expect(engine.inspect(init.id).State).toMatchObject({ Status: 'exited', OOMKilled: true, ExitCode: 137 });
    // The OOM killer took the shell's child: the container ends as its shell does, and was still OOM-killed.
    expect(child).toMatchObject({ exitCode: 0, log: 'Killed\nthe shell goes on\n' });
    expect(engine.inspect(child.id).State).toMatchObject({ OOMKilled: true, ExitCode: 0 });
    // conmon also drops an `oom` file in its working directory: the monitor's, not the engine's.
    expect(existsSync(join(process.cwd(), 'oom'))).toBe(false);
  });

  it('bounds the processes a container may fork with its pids limit, and gives its cgroup the CPU quota of NanoCpus', async () => {
    const engine = fixture.engine();
    const script = [
      'exec 2>&1',
      'cat /sys/fs/cgroup/pids/pids.max',
      'cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us',
      'for i in $(seq 50); do sleep 100 & done',
      'echo all 50 forked',
    ].join('\n');
    const { id, exitCode, log } = await runToExit(engine, { Image: await fixture.image('busybox'), Cmd: ['sh', '-c', script], HostConfig: { PidsLimit: 10, NanoCpus: 0.5e9 } });
    // The shell gives up at the first fork the limit refuses, as under Docker: exit code 2.
    expect(exitCode).toBe(2);
    expect(log).toBe("10\n50000\n100000\nsh: can't fork: Resource temporarily unavailable\n");
    expect(engine.inspect(id).State).toMatchObject({ ExitCode: 2, OOMKilled: false });
  });
});
