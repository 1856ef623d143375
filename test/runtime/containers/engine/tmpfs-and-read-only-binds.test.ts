import { describeAsRoot } from '../../../harness/root.js';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runToExit, useEngine } from './engine-fixture.js';

describeAsRoot("the container engine's tmpfs and read-only bind mounts, seen from inside", () => {
  const fixture = useEngine();
  const host = mkdtempSync(join(tmpdir(), 'berth-ro-bind-'));
  afterAll(() => rmSync(host, { recursive: true, force: true }));

  it('mounts a Tmpfs of the size asked for, and a read-only bind that can be read but not written', async () => {
    writeFileSync(join(host, 'config'), 'from the host\n');
    const script = [
      'exec 2>&1',
      'grep " /run " /proc/mounts',
      'dd if=/dev/zero of=/run/big bs=1k count=2048 2>&1 | head -1',
      'cat /in/config',
      'touch /in/new',
      'echo changed > /in/config',
    ].join('\n');
    const { exitCode, log } = await runToExit(fixture.engine(), {
      Image: await fixture.image('busybox'),
      Cmd: ['sh', '-c', script],
      HostConfig: { Tmpfs: { '/run': 'size=1m' }, Binds: [`${host}:/in:ro`] },
    });
    expect(log).toBe(
      [
        // Docker's tmpfs defaults (noexec, nosuid, nodev) with the size given.
        'tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k 0 0',
        "dd: error writing '/run/big': No space left on device",
        'from the host',
        'touch: /in/new: Read-only file system',
        "sh: can't create /in/config: Read-only file system",
        '',
      ].join('\n'),
    );
    expect(exitCode).toBe(1);
    expect(readdirSync(host)).toEqual(['config']);
  });
});
