import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { contextTar, unpackContext } from '../../../src/build/context/index.js';
import { tempProject } from '../../helpers/temp-project.js';
import { handmadeTar, type HandmadeMember } from './handmade-tar.js';

/** An empty directory to unpack into, beside one that must stay empty (what an escape would reach). */
function destination(): { directory: string; outside: string } {
  const root = tempProject({}, 'work');
  const directory = join(root, 'context');
  const outside = join(root, 'outside');
  mkdirSync(directory);
  mkdirSync(outside);
  return { directory, outside };
}

async function refusal(members: HandmadeMember[]): Promise<{ error: unknown; outside: string[] }> {
  const { directory, outside } = destination();
  const error = await unpackContext(Readable.from([handmadeTar(members)]), directory).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, outside: readdirSync(outside) };
}

describe('receiving a build context', () => {
  test('unpacks a context as sent, with modes exactly, links as links and hard links as one file', async () => {
    const context = tempProject({ Dockerfile: 'FROM scratch\n', 'bin/run.sh': '#!/bin/sh\n', 'data/shared.txt': 'open\n', 'data/private.txt': 'mine\n' });
    chmodSync(join(context, 'bin/run.sh'), 0o755);
    chmodSync(join(context, 'data/shared.txt'), 0o666);
    chmodSync(join(context, 'data/private.txt'), 0o600);
    chmodSync(join(context, 'data'), 0o750);
    symlinkSync('../data/shared.txt', join(context, 'bin/shared'));
    symlinkSync('/usr/bin/env', join(context, 'bin/env'));
    linkSync(join(context, 'data/private.txt'), join(context, 'data/same.txt'));
    const { directory } = destination();

    await unpackContext((await contextTar(context)).tar, directory);

    expect(readFileSync(join(directory, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
    expect(statSync(join(directory, 'bin/run.sh')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(directory, 'data/shared.txt')).mode & 0o7777).toBe(0o666);
    expect(statSync(join(directory, 'data/private.txt')).mode & 0o7777).toBe(0o600);
    expect(statSync(join(directory, 'data')).mode & 0o7777).toBe(0o750);
    expect(readlinkSync(join(directory, 'bin/shared'))).toBe('../data/shared.txt');
    expect(readlinkSync(join(directory, 'bin/env'))).toBe('/usr/bin/env');
    expect(statSync(join(directory, 'data/same.txt')).ino).toBe(statSync(join(directory, 'data/private.txt')).ino);
    expect(statSync(join(directory, 'data')).mtimeMs).toBe(Math.floor(statSync(join(context, 'data')).mtimeMs / 1000) * 1000);
  });

  test('takes a gzip-compressed context, as the API allows', async () => {
    const { directory } = destination();
    const tar = handmadeTar([{ path: 'app/' , type: 'Directory' }, { path: 'app/main.py', body: 'print(1)\n' }]);
    await unpackContext(Readable.from([gzipSync(tar)]), directory);
    expect(readFileSync(join(directory, 'app/main.py'), 'utf8')).toBe('print(1)\n');
  });

  test('makes the parent directories an archive does not list', async () => {
    const { directory } = destination();
    await unpackContext(Readable.from([handmadeTar([{ path: 'deep/er/file.txt', body: 'x' }])]), directory);
    expect(statSync(join(directory, 'deep/er')).mode & 0o7777).toBe(0o755);
  });

  test('lets a later member of the same name replace an earlier one', async () => {
    const { directory } = destination();
    await unpackContext(Readable.from([handmadeTar([{ path: 'a', body: 'first' }, { path: 'a', type: 'SymbolicLink', linkpath: 'b' }])]), directory);
    expect(lstatSync(join(directory, 'a')).isSymbolicLink()).toBe(true);
  });

  test('refuses to unpack into a directory that is not empty', async () => {
    const { directory } = destination();
    writeFileSync(join(directory, 'left-over'), '');
    await expect(unpackContext(Readable.from([handmadeTar([])]), directory)).rejects.toMatchObject({ code: 'BUILD_CONTEXT_DIRECTORY_NOT_EMPTY' });
  });

  test('refuses an archive cut short', async () => {
    const { directory } = destination();
    const tar = handmadeTar([{ path: 'file', body: 'x'.repeat(2000) }]);
    await expect(unpackContext(Readable.from([tar.subarray(0, 1024)]), directory)).rejects.toMatchObject({ code: 'BUILD_CONTEXT_UNREADABLE' });
  });
});

describe('members that would escape the context, or that a context may not hold', () => {
  test.each<[string, HandmadeMember[], string]>([
    ['a name climbing out with ..', [{ path: '../outside/evil', body: 'x' }], 'member "../outside/evil" climbs out of the context with ".."'],
    ['a name climbing out in the middle', [{ path: 'a/../../outside/evil', body: 'x' }], 'climbs out of the context'],
    ['an absolute name', [{ path: '/etc/evil', body: 'x' }], 'member "/etc/evil" has an absolute name'],
    [
      'a file written through a symbolic link the archive made',
      [{ path: 'escape', type: 'SymbolicLink', linkpath: '/tmp' }, { path: 'escape/evil', body: 'x' }],
      'member "escape/evil" would be written through the symbolic link "escape" the archive made',
    ],
    ['a symbolic link whose relative target climbs out', [{ path: 'dir/up', type: 'SymbolicLink', linkpath: '../../outside' }], 'is a symbolic link to "../../outside", outside the context'],
    ['a hard link to an absolute path', [{ path: 'shadow', type: 'Link', linkpath: '/etc/shadow' }], 'is a hard link to "/etc/shadow", outside the context'],
    ['a hard link climbing out', [{ path: 'x', type: 'Link', linkpath: '../outside/x' }], 'outside the context'],
    [
      'a hard link reaching through a symbolic link the archive made',
      [{ path: 'etc', type: 'SymbolicLink', linkpath: '/etc' }, { path: 'passwd', type: 'Link', linkpath: 'etc/passwd' }],
      'through the symbolic link "etc"',
    ],
    ['a character device', [{ path: 'null', type: 'CharacterDevice' }], 'member "null" is a device node'],
    ['a block device', [{ path: 'sda', type: 'BlockDevice' }], 'is a device node'],
    ['a FIFO', [{ path: 'pipe', type: 'FIFO' }], 'member "pipe" is a FIFO'],
  ])('refuses %s, naming the member, and writes nothing outside', async (_, members, message) => {
    const { error, outside } = await refusal(members);
    expect(error).toMatchObject({ code: 'BUILD_CONTEXT_MEMBER_REFUSED', kind: 'usage' });
    expect((error as Error).message).toContain(message);
    expect(outside).toEqual([]);
  });

  test('keeps a symbolic link to an absolute path without following it', async () => {
    const { directory } = destination();
    await unpackContext(Readable.from([handmadeTar([{ path: 'passwd', type: 'SymbolicLink', linkpath: '/etc/passwd' }])]), directory);
    expect(readlinkSync(join(directory, 'passwd'))).toBe('/etc/passwd');
    expect(existsSync(join(directory, 'etc'))).toBe(false);
  });
});
