import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { useBuildServer } from './build-fixture.js';

describeAsRoot('COPY', () => {
  const fixture = useBuildServer();

  /** `find` under `path` in the image: one `name owner:group mode type` line per entry, sorted. */
  async function tree(image: string, path: string): Promise<string[]> {
    const { log } = await fixture.run(image, ['sh', '-c', `cd ${path} && find . -mindepth 1 | sort | while read f; do stat -c '%n %u:%g %a %F' "$f"; done`]);
    return log.split('\n').filter((line) => line !== '');
  }

  test('--chown takes names from the image\'s /etc/passwd and /etc/group, or numbers, and owns the directory it makes; --chmod sets the mode', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base}`,
        'RUN mkdir /owned',
        'COPY --chown=nobody:nobody a.txt /owned/by-name.txt',
        'COPY --chown=1234:5678 a.txt /owned/by-number.txt',
        'COPY --chown=nobody a.txt /owned/user-only.txt',
        'COPY --chmod=0750 a.txt /owned/mode.txt',
        'COPY a.txt /owned/plain.txt',
        'COPY --chown=1000:1000 --chmod=600 dir/ /owned/dir/',
        '',
      ].join('\n'),
      'a.txt': { content: 'a\n', mode: 0o664 },
      'dir/inner.txt': 'inner\n',
    });
    const built = await fixture.build(directory, '-t', 'copy-owner:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(await tree('copy-owner:1', '/owned')).toEqual([
      './by-name.txt 65534:65534 664 regular file',
      './by-number.txt 1234:5678 664 regular file',
      './dir 1000:1000 755 directory',
      './dir/inner.txt 1000:1000 600 regular file',
      './mode.txt 0:0 750 regular file',
      './plain.txt 0:0 664 regular file',
      './user-only.txt 65534:65534 664 regular file',
    ]);
  });

  test('wildcards copy the matching files only', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nCOPY src/*.js /js/\nCOPY src/[ab].txt src/?.md /text/\n`,
      'src/a.js': 'a\n',
      'src/b.js': 'b\n',
      'src/a.txt': 'a\n',
      'src/c.txt': 'c\n',
      'src/x.md': 'x\n',
      'src/long.md': 'long\n',
      'src/lib/d.js': 'd\n',
    });
    const built = await fixture.build(directory, '-t', 'copy-wildcards:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const { log } = await fixture.run('copy-wildcards:1', ['sh', '-c', 'cd / && find js text -type f | sort']);
    expect(log).toBe('js/a.js\njs/b.js\ntext/a.txt\ntext/x.md\n');
  });

  test('COPY of a directory copies what is in it, not the directory itself', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nCOPY src /dst\nCOPY src/lib /lib-only/\n`,
      'src/a.js': 'a\n',
      'src/lib/d.js': 'd\n',
      'src/lib/deeper/e.js': 'e\n',
    });
    const built = await fixture.build(directory, '-t', 'copy-directory:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const { log } = await fixture.run('copy-directory:1', ['sh', '-c', 'cd / && find dst lib-only | sort']);
    expect(log).toBe(['dst', 'dst/a.js', 'dst/lib', 'dst/lib/d.js', 'dst/lib/deeper', 'dst/lib/deeper/e.js', 'lib-only', 'lib-only/d.js', 'lib-only/deeper', 'lib-only/deeper/e.js', ''].join('\n'));
  });

  test('a file copied to an existing directory without a trailing slash goes into it; to a new path it is that file', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nCOPY a.txt /tmp\nCOPY a.txt /new-name\nWORKDIR /rel\nCOPY a.txt here.txt\n`, 'a.txt': 'a\n' });
    const built = await fixture.build(directory, '-t', 'copy-destination:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('copy-destination:1', ['sh', '-c', 'cat /tmp/a.txt /new-name /rel/here.txt'])).log).toBe('a\na\na\n');
  });

  test('COPY expands ENV in the destination, gives root the files whatever the USER, and keeps a link as a link', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nENV DEST=/env-dest\nUSER nobody\nCOPY . \${DEST}/\n`, 'a.txt': 'a\n' });
    symlinkSync('a.txt', join(directory, 'link'));
    const built = await fixture.build(directory, '-t', 'copy-env:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await tree('copy-env:1', '/env-dest')).filter((line) => !line.includes('Dockerfile'))).toEqual(['./a.txt 0:0 644 regular file', './link 0:0 777 symbolic link']);
    expect((await fixture.run('copy-env:1', ['readlink', '/env-dest/link'])).log).toBe('a.txt\n');
  });

  test('several sources to a destination without a trailing slash fail naming the line', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nCOPY a.txt b.txt /dst\n`, 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const built = await fixture.build(directory, '-t', 'copy-several:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toContain('Dockerfile:2: When using COPY with more than one source file, the destination must be a directory and end with a /');
  });

  test('COPY <<EOF writes the heredoc as a file, expanding variables unless the delimiter is quoted', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [`FROM ${base}`, 'ENV NAME=demo', 'COPY <<EOF /etc/app.conf', 'name=$NAME', 'EOF', 'COPY <<"EOF" /etc/raw.conf', 'name=$NAME', 'EOF', ''].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'copy-heredoc:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('copy-heredoc:1', ['cat', '/etc/app.conf', '/etc/raw.conf'])).log).toBe('name=demo\nname=$NAME\n');
  });

  test('COPY --link copies as a plain COPY does', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nCOPY --link a.txt /linked/a.txt\n`, 'a.txt': 'linked\n' });
    const built = await fixture.build(directory, '-t', 'copy-link:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('copy-link:1', ['cat', '/linked/a.txt'])).log).toBe('linked\n');
  });
});
