import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ArchiveGuard, extractArchive } from '../../../src/cli/commands/cp-archive.js';
import { tempProject } from '../../helpers/temp-project.js';
import { handmadeTar } from './handmade-tar.js';

type Member = { path: string; type: 'File' | 'Directory' | 'SymbolicLink' | 'Link'; linkpath?: string };

function problems(members: Member[]): Array<string | undefined> {
  const guard = new ArchiveGuard();
  return members.map((member) => guard.problem(member));
}

describe('the archive guard of cp', () => {
  test('lets plain members, links inside and absolute symlink targets through', () => {
    expect(
      problems([
        { path: './dir/', type: 'Directory' },
        { path: 'dir/file', type: 'File' },
        { path: 'dir/up', type: 'SymbolicLink', linkpath: '../dir/file' },
        { path: 'dir/etc', type: 'SymbolicLink', linkpath: '/etc' },
        { path: 'dir/hard', type: 'Link', linkpath: 'dir/file' },
      ]),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('refuses names that are absolute or climb out', () => {
    expect(problems([{ path: '/etc/passwd', type: 'File' }])[0]).toContain('absolute name');
    expect(problems([{ path: 'a/../../b', type: 'File' }])[0]).toContain('climbs out');
  });

  test('refuses links that point out of the destination', () => {
    expect(problems([{ path: 'a/l', type: 'SymbolicLink', linkpath: '../../x' }])[0]).toContain('points outside');
    expect(problems([{ path: 'h', type: 'Link', linkpath: '/etc/shadow' }])[0]).toContain('points outside');
  });

  test('refuses a member written through a symlink the archive made', () => {
    const [link, through] = problems([
      { path: 'etc', type: 'SymbolicLink', linkpath: '/etc' },
      { path: 'etc/cron.d/job', type: 'File' },
    ]);
    expect(link).toBeUndefined();
    expect(through).toContain('through the symbolic link etc');
  });

  test('refuses a hard link reaching its target through a symlink the archive made', () => {
    const [, hard] = problems([
      { path: 'etc', type: 'SymbolicLink', linkpath: '/etc' },
      { path: 'copy', type: 'Link', linkpath: 'etc/shadow' },
    ]);
    expect(hard).toContain('points outside');
  });
});

describe('unpacking a tar for cp', () => {
  test('renames the top entry and keeps absolute symlink targets as they are', async () => {
    const directory = tempProject({}, 'unpacked');
    const tar = handmadeTar([
      { name: 'hostname', body: 'box\n' },
      { name: 'hostname-link', link: '/etc/hostname' },
    ]);

    await extractArchive(Readable.from([tar]), directory, { from: 'hostname', to: 'copy' });

    expect(readFileSync(join(directory, 'copy'), 'utf8')).toBe('box\n');
    expect(readlinkSync(join(directory, 'hostname-link'))).toBe('/etc/hostname');
  });

  test('stops at a member that climbs out, writing nothing outside', async () => {
    const directory = tempProject({}, 'inside');
    const tar = handmadeTar([
      { name: 'first', body: 'kept\n' },
      { name: '../escaped', body: 'x' },
      { name: 'after', body: 'never\n' },
    ]);

    await expect(extractArchive(Readable.from([tar]), directory)).rejects.toThrow(/member \.\.\/escaped climbs out/);

    expect(existsSync(join(directory, '..', 'escaped'))).toBe(false);
    expect(existsSync(join(directory, 'after'))).toBe(false);
  });
});
