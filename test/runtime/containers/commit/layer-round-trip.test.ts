import { execFileSync } from 'node:child_process';
import { createReadStream, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, chownSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { diffContainer } from '../../../../src/runtime/containers/commit/container-diff.js';
import { unpackLayer } from '../../../../src/runtime/images/layers/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { layerMembers } from './layer-members.js';

const longDirectory = 'd'.repeat(120);
const longName = 'n'.repeat(200);
const latin1Name = Buffer.from([0x6c, 0xe9]); // "lé" in latin1: not UTF-8

/**
 * A writable layer made by hand as overlayfs leaves one (whiteouts as 0:0 devices, an opaque
 * directory's xattr), diffed into a layer tar and unpacked again by berth's extractor: what comes
 * out is what went in, in overlayfs's form, less what a commit leaves out.
 */
describeAsRoot('a container diff unpacked by the layer extractor', () => {
  let root = '';
  const path = (...parts: string[]): string => join(root, ...parts);
  const getfattr = (file: string, name: string): string => execFileSync('getfattr', ['--absolute-names', '--only-values', '-h', '-n', name, file], { encoding: 'latin1' });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-commit-'));
    mkdirSync(path('lower', 'etc'), { recursive: true });
    writeFileSync(path('lower', 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
    const upper = path('upper');
    mkdirSync(join(upper, 'dir'), { recursive: true });
    writeFileSync(join(upper, 'dir', 'new'), 'new content\n');
    execFileSync('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', join(upper, 'dir')]);
    execFileSync('mknod', [join(upper, 'gone'), 'c', '0', '0']);
    mkdirSync(join(upper, 'keep'));
    execFileSync('setfattr', ['-n', 'trusted.overlay.origin', '-v', '0sAPs=', join(upper, 'keep')]);
    writeFileSync(join(upper, 'keep', 'x'), 'x\n');
    chownSync(join(upper, 'keep', 'x'), 7, 8);
    chmodSync(join(upper, 'keep', 'x'), 0o640);
    execFileSync('setfattr', ['-n', 'user.note', '-v', 'kept', join(upper, 'keep', 'x')]);
    linkSync(join(upper, 'keep', 'x'), join(upper, 'keep', 'y'));
    symlinkSync('x', join(upper, 'keep', 's'));
    symlinkSync('t'.repeat(150), join(upper, 'keep', 'long-target'));
    execFileSync('mkfifo', [join(upper, 'keep', 'p')]);
    mkdirSync(join(upper, longDirectory));
    writeFileSync(join(upper, longDirectory, 'f'.repeat(90)), 'split name\n');
    writeFileSync(join(upper, longName), 'pax name\n');
    writeFileSync(Buffer.concat([Buffer.from(`${upper}/`), latin1Name]), 'latin1\n');
    // What runc made for its mounts, and a device node: none of it belongs in the layer.
    mkdirSync(join(upper, 'etc'));
    writeFileSync(join(upper, 'etc', 'hostname'), '');
    mkdirSync(join(upper, 'proc'));
    execFileSync('mknod', [join(upper, 'keep', 'null'), 'c', '1', '3']);
    mkdirSync(path('out'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('gives back the whiteouts, the opaque directory and every kept file, with their metadata', async () => {
    const layer = await diffContainer(path('upper'), [path('lower')], path('layer.tar'));
    await unpackLayer({ digest: layer!.diffId, tar: createReadStream(layer!.path), directory: path('out') });

    const gone = lstatSync(path('out', 'gone'));
    expect([gone.isCharacterDevice(), gone.rdev]).toEqual([true, 0]);
    expect(getfattr(path('out', 'dir'), 'trusted.overlay.opaque')).toBe('y');
    expect(readFileSync(path('out', 'dir', 'new'), 'utf8')).toBe('new content\n');
    const x = lstatSync(path('out', 'keep', 'x'));
    expect([x.mode & 0o7777, x.uid, x.gid, x.nlink]).toEqual([0o640, 7, 8, 2]);
    expect(lstatSync(path('out', 'keep', 'y')).ino).toBe(x.ino);
    expect(getfattr(path('out', 'keep', 'x'), 'user.note')).toBe('kept');
    expect(readlinkSync(path('out', 'keep', 's'))).toBe('x');
    expect(readlinkSync(path('out', 'keep', 'long-target'))).toBe('t'.repeat(150));
    expect(lstatSync(path('out', 'keep', 'p')).isFIFO()).toBe(true);
    expect(readFileSync(path('out', longDirectory, 'f'.repeat(90)), 'utf8')).toBe('split name\n');
    expect(readFileSync(path('out', longName), 'utf8')).toBe('pax name\n');
    expect(readFileSync(Buffer.concat([Buffer.from(`${path('out')}/`), latin1Name]), 'utf8')).toBe('latin1\n');
  });

  it('leaves out the mount points, the directory made only for them, device nodes and overlayfs\'s own attributes', async () => {
    const layer = await diffContainer(path('upper'), [path('lower')], path('layer.tar'));
    const members = await layerMembers(createReadStream(layer!.path));

    const names = members.map((member) => member.path);
    expect(names.filter((name) => /^(etc|proc)\b/.test(name) || name === 'keep/null')).toEqual([]);
    expect(names).toContain('.wh.gone');
    expect(names).toContain('dir/.wh..wh..opq');
    expect(members.find((member) => member.path === 'keep/')!.xattrs).toEqual({});
    expect(members.find((member) => member.path === 'dir/')!.xattrs).toEqual({});
    expect(existsSync(path('out', 'etc'))).toBe(false);
    // GNU tar reads every header berth wrote.
    expect(execFileSync('tar', ['--list', '--file', layer!.path], { encoding: 'latin1' }).split('\n')).toContain(longName);
  });

  it('keeps a directory runc made a mount point in when the container also changed its mode', async () => {
    chmodSync(path('upper', 'etc'), 0o700);
    const layer = await diffContainer(path('upper'), [path('lower')], path('layer.tar'));
    const members = await layerMembers(createReadStream(layer!.path));
    expect(members.filter((member) => member.path.startsWith('etc')).map((member) => [member.path, member.mode])).toEqual([['etc/', 0o700]]);
  });

  it('finds no layer in a writable layer that holds only mount points', async () => {
    rmSync(path('upper'), { recursive: true });
    mkdirSync(path('upper', 'etc'), { recursive: true });
    writeFileSync(path('upper', 'etc', 'resolv.conf'), '');
    mkdirSync(path('upper', 'dev'));
    expect(await diffContainer(path('upper'), [path('lower')], path('layer.tar'))).toBeUndefined();
  });
});
