import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { cacheReport, useBuildServer } from './build-fixture.js';

describeAsRoot('RUN\'s mounts and network', () => {
  const fixture = useBuildServer();

  test('a cache mount keeps its files from one build to the next, and they are not in the image', async () => {
    const id = `pkgs-${randomBytes(4).toString('hex')}`;
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=cache,id=${id},target=/var/cache/pkgs echo run >> /var/cache/pkgs/runs && wc -l < /var/cache/pkgs/runs > /runs\n` });
    const first = await fixture.build(directory, '-t', 'mount-cache:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect((await fixture.run('mount-cache:1', ['cat', '/runs'])).log.trim()).toBe('1');

    const second = await fixture.build(directory, '--no-cache', '-t', 'mount-cache:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect((await fixture.run('mount-cache:2', ['cat', '/runs'])).log.trim()).toBe('2');
    expect((await fixture.run('mount-cache:2', ['sh', '-c', 'ls -A /var/cache/pkgs 2>/dev/null | wc -l'])).log.trim()).toBe('0');
  });

  test('a bind mount of the context gives the RUN its files, read-only, and leaves them out of the image', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nRUN --mount=type=bind,source=scripts,target=/mnt/scripts sh /mnt/scripts/gen.sh > /generated && (touch /mnt/scripts/new 2>/dev/null && echo writable || echo read-only) > /bind-mode\n`,
      'scripts/gen.sh': 'echo generated v1\n',
    });
    const first = await fixture.build(directory, '-t', 'mount-bind:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect((await fixture.run('mount-bind:1', ['sh', '-c', 'cat /generated /bind-mode; ls -A /mnt/scripts 2>/dev/null | wc -l'])).log).toBe('generated v1\nread-only\n0\n');

    // What the mount reads is part of the step's key: an edit runs it again.
    writeFileSync(join(directory, 'scripts/gen.sh'), 'echo generated v2\n');
    const second = await fixture.build(directory, '-t', 'mount-bind:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout)[0]).toMatch(/: built$/);
    expect((await fixture.run('mount-bind:2', ['cat', '/generated'])).log).toBe('generated v2\n');
  });

  test('a read-write bind mount takes the RUN\'s writes and throws them away', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=bind,target=/src,rw echo changed > /src/data.txt && cat /src/data.txt > /seen\nRUN --mount=type=bind,target=/src cat /src/data.txt > /after\n`, 'data.txt': 'original\n' });
    const built = await fixture.build(directory, '-t', 'mount-rw:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('mount-rw:1', ['sh', '-c', 'cat /seen /after; ls -A /src 2>/dev/null | wc -l'])).log).toBe('changed\noriginal\n0\n');
  });

  test('a bind mount from an earlier stage reads that stage\'s files', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base} AS builder\nRUN mkdir /out && echo artifact > /out/file\nFROM ${base}\nRUN --mount=type=bind,from=builder,source=/out,target=/in cp /in/file /copied\n` });
    const built = await fixture.build(directory, '-t', 'mount-from:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('mount-from:1', ['cat', '/copied'])).log).toBe('artifact\n');
  });

  test('a tmpfs mount is a tmpfs during the RUN and leaves nothing in the image', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=tmpfs,target=/scratch echo x > /scratch/f && grep ' /scratch ' /proc/mounts | cut -d ' ' -f 3 > /fstype\n` });
    const built = await fixture.build(directory, '-t', 'mount-tmpfs:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('mount-tmpfs:1', ['sh', '-c', 'cat /fstype; ls -A /scratch 2>/dev/null | wc -l'])).log).toBe('tmpfs\n0\n');
  });

  test('a RUN is on the engine\'s default bridge by default; --network none leaves it only the loopback', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN ls /sys/class/net | sort | tr '\\n' ' ' > /interfaces\n` });
    const bridged = await fixture.build(directory, '-t', 'run-network:default');
    expect(bridged.exitCode, bridged.stderr + bridged.stdout).toBe(0);
    expect((await fixture.run('run-network:default', ['cat', '/interfaces'])).log).toBe('eth0 lo ');

    const isolated = await fixture.build(directory, '--network', 'none', '-t', 'run-network:none');
    expect(isolated.exitCode, isolated.stderr + isolated.stdout).toBe(0);
    // The network is part of the step's key: the bridged step is not reused.
    expect(cacheReport(isolated.stdout)[0]).toMatch(/: built$/);
    expect((await fixture.run('run-network:none', ['cat', '/interfaces'])).log).toBe('lo ');
  });

  test('RUN --network=none isolates that step only; --add-host names reach every RUN\'s /etc/hosts', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nRUN --network=none ls /sys/class/net | sort | tr '\\n' ' ' > /isolated\nRUN grep -c 'registry.internal' /etc/hosts > /hosts-count\n`,
    });
    const built = await fixture.build(directory, '--add-host', 'registry.internal:10.1.2.3', '-t', 'run-network:step');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('run-network:step', ['cat', '/isolated', '/hosts-count'])).log).toBe('lo 1\n');
  });
});
