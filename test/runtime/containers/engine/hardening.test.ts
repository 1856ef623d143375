import { describeAsRoot } from '../../../harness/root.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { HostConfig } from '../../../../src/api/types/containers.js';
import { runToExit, useEngine } from './engine-fixture.js';

/** What a container sees of its own confinement, one fact per line, errors included. */
const probe = [
  'grep -E "^(CapEff|NoNewPrivs)" /proc/1/status',
  // Masked files read empty (bound to /dev/null), masked directories are empty, /proc/kcore cannot be opened.
  'for file in /proc/kcore /proc/keys /proc/timer_list; do echo "$file: $(cat $file 2>/dev/null | wc -c) bytes"; done',
  'echo "/sys/firmware: $(ls -A /sys/firmware | wc -l) entries"',
  'echo x > /proc/sys/kernel/hostname',
  'touch /written && echo "/ is writable"',
  'touch /dev/shm/written && echo "/dev/shm is writable"',
].join('\n');

/** The host's effective capabilities, as this (root) test process holds them: what "all" can mean for the engine. */
function hostCapEff(): string {
  return /^CapEff:\s+(\S+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
}

describeAsRoot("a container's confinement under the container engine", () => {
  const fixture = useEngine();
  const hostDirectory = mkdtempSync(join(tmpdir(), 'berth-host-marker-'));
  afterAll(() => rmSync(hostDirectory, { recursive: true, force: true }));

  /** The script's output (stderr joined to stdout, so the order is kept) in a busybox container. */
  async function run(hostConfig: HostConfig, script = probe): Promise<string> {
    const { log } = await runToExit(fixture.engine(), { Image: await fixture.image('busybox'), Cmd: ['sh', '-c', `exec 2>&1\n${script}`], HostConfig: hostConfig });
    return log;
  }

  it("holds Docker's default capabilities, with the kernel's secrets masked and /proc/sys read-only", async () => {
    expect(await run({})).toBe(
      [
        'CapEff:\t00000000a80425fb',
        'NoNewPrivs:\t0',
        '/proc/kcore: 0 bytes',
        '/proc/keys: 0 bytes',
        '/proc/timer_list: 0 bytes',
        '/sys/firmware: 0 entries',
        "sh: can't create /proc/sys/kernel/hostname: Read-only file system",
        '/ is writable',
        '/dev/shm is writable',
        '',
      ].join('\n'),
    );
  });

  it("cannot see the host's files: its root is the image's", async () => {
    const marker = join(hostDirectory, 'marker');
    writeFileSync(marker, 'on the host\n');
    expect(await run({}, `ls ${marker} /work /proc/1/root${marker}; ls /`)).toBe(
      [
        `ls: ${marker}: No such file or directory`,
        'ls: /work: No such file or directory',
        `ls: /proc/1/root${marker}: No such file or directory`,
        // The busybox fixture's root (busybox-tarball.ts), with the mount points runc made for /dev, /proc and /sys.
        'bin', 'dev', 'etc', 'linuxrc', 'proc', 'root', 'sbin', 'sys', 'tmp', 'usr', '',
      ].join('\n'),
    );
  });

  it('gives a privileged container every capability the engine holds, and masks nothing', async () => {
    const log = await run({ Privileged: true });
    expect(log).toContain(`CapEff:\t${hostCapEff()}\n`);
    expect(log).toMatch(/^\/proc\/keys: [1-9]\d* bytes$/m);
    expect(log).toContain(`/sys/firmware: ${readdirSync('/sys/firmware').length} entries\n`);
  });

  it('makes / read-only with ReadonlyRootfs, and sets no_new_privs with no-new-privileges', async () => {
    const log = await run({ ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'] });
    expect(log).toContain('NoNewPrivs:\t1\n');
    expect(log).toContain('touch: /written: Read-only file system\n');
    expect(log).not.toContain('/ is writable');
    expect(log).toContain('/dev/shm is writable\n');
  });
});
