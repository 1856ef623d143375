import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackLayer } from '../../../../src/runtime/images/layers/index.js';
import { digestOf, layerPlace, listTree, streamOf } from './layer-place.js';
import { archive, directory, entry, file, gnuLong, hardLink, header, pax, symlink } from './tar-bytes.js';

/**
 * Each layer here is hostile. The layer directory sits in a temp dir beside a `sibling/` with a
 * marker; after the refusal, the temp dir must hold exactly what it held before (an empty layer
 * directory, the untouched sibling), and no marker may appear in /tmp, /etc or /.
 */
async function expectRefused(parts: Buffer[], outsideMarkers: string[] = []): Promise<string> {
  const bytes = archive(...parts);
  const digest = digestOf(bytes);
  const place = layerPlace();
  const before = listTree(place.base);

  const error: unknown = await unpackLayer({ digest, tar: streamOf(bytes, 4096), directory: place.layer }).then(
    () => new Error('the layer was unpacked'),
    (refusal: unknown) => refusal,
  );

  expect(error).toMatchObject({ code: 'LAYER_REFUSED', kind: 'conflict', message: expect.stringContaining(`layer ${digest} refused: `) });
  expect(listTree(place.base)).toEqual(before);
  expect(readFileSync(join(place.base, 'sibling/marker'), 'utf8')).toBe('untouched');
  for (const marker of outsideMarkers) expect(existsSync(marker), marker).toBe(false);
  return (error as Error).message.slice(`layer ${digest} refused: `.length);
}

const unique = (): string => `berth-evil-${randomBytes(6).toString('hex')}`;

describe('hostile layers', () => {
  it('refuses an absolute member name', async () => {
    const evil = unique();
    expect(await expectRefused([file(`/tmp/${evil}`, 'x')], [`/tmp/${evil}`])).toBe(`member "/tmp/${evil}" has an absolute name`);
  });

  it('refuses a member that climbs out with ".."', async () => {
    expect(await expectRefused([file('ok', 'fine'), file('../escape', 'x')])).toBe('member "../escape" has a ".." component in its name');
    expect(await expectRefused([file('a/../../escape', 'x')])).toBe('member "a/../../escape" has a ".." component in its name');
  });

  it('refuses a member written through a symlink to /', async () => {
    const evil = unique();
    expect(await expectRefused([symlink('link', '/'), file(`link/etc/${evil}`, 'x')], [`/etc/${evil}`])).toBe(
      `member "link/etc/${evil}" is written through the symlink "link" (-> "/") that the layer made earlier, which points outside the layer`,
    );
  });

  it('refuses a member written through a symlink that climbs out of the layer', async () => {
    const evil = unique();
    // The layer directory is /tmp/berth-layer-*/layer, so ../../.. is /.
    expect(await expectRefused([symlink('a', '../../..'), file(`a/tmp/${evil}`, 'x')], [`/tmp/${evil}`])).toBe(
      `member "a/tmp/${evil}" is written through the symlink "a" (-> "../../..") that the layer made earlier, which points outside the layer`,
    );
    expect(await expectRefused([directory('d'), symlink('d/up', '..'), symlink('d/up2', 'up/..'), file('d/up2/escape', 'x')])).toMatch(
      /^member "d\/up2\/escape" is written through the symlink "d\/up2"/,
    );
  });

  it('refuses a member written through a symlink even when it stays inside, or was overwritten', async () => {
    expect(await expectRefused([directory('usr/lib'), symlink('lib', 'usr/lib'), file('lib/libc.so', 'x')])).toBe(
      'member "lib/libc.so" is written through the symlink "lib" (-> "usr/lib") that the layer made earlier',
    );
    expect(await expectRefused([symlink('d', '/etc'), directory('d'), file('d/passwd', 'x')])).toMatch(/^member "d\/passwd" is written through the symlink "d"/);
  });

  it('refuses a hard link to a file outside the layer', async () => {
    const links = statSync('/etc/passwd').nlink;
    expect(await expectRefused([hardLink('passwd', '/etc/passwd')])).toBe('member "passwd" is a hard link to the absolute path "/etc/passwd"');
    expect(await expectRefused([hardLink('marker', '../sibling/marker')])).toBe('member "marker" is a hard link to "../sibling/marker", which climbs out with ".."');
    expect(await expectRefused([symlink('etc', '/etc'), hardLink('passwd', 'etc/passwd')])).toBe(
      'member "passwd" is a hard link through the symlink "etc" (-> "/etc") that the layer made earlier, which points outside the layer',
    );
    expect(statSync('/etc/passwd').nlink).toBe(links);
  });

  it('refuses device nodes, and says image layers may not carry them', async () => {
    expect(await expectRefused([entry({ name: 'sda', type: '4', devMajor: 8, devMinor: 0 })])).toBe(
      'member "sda" is a block device 8:0; image layers may not carry device nodes',
    );
    expect(await expectRefused([entry({ name: 'mem', type: '3', devMajor: 1, devMinor: 1 })])).toBe(
      'member "mem" is a character device 1:1; image layers may not carry device nodes, only 0:0 whiteouts',
    );
  });

  it('refuses a pax header over 1 MiB and a name over 4096 bytes', async () => {
    expect(await expectRefused([file('ok', 'x'), pax({ comment: 'x'.repeat(2 * 1024 * 1024) }), file('f', 'x')])).toMatch(
      /^the pax header at byte 1024 brings the extended headers of one member to 2097\d{3} bytes; berth allows at most 1048576$/,
    );
    const long = `${'a/'.repeat(2100)}f`;
    expect(await expectRefused([pax({ path: long }), file('short', 'x')])).toMatch(/^member "a\/a\/.*\/f" has a name of 4201 bytes; berth allows at most 4096$/);
  });

  it('refuses a member whose header GNU tar would frame differently: a body on a hard link hides a member', async () => {
    const hidden = entry({ name: 'sda', type: '4', devMajor: 8, devMinor: 0 });
    expect(await expectRefused([file('a', 'x'), entry({ name: 'h', type: '1', linkName: 'a', body: hidden })])).toBe(
      'member "h" is a hard link with a body, which GNU tar would read as headers',
    );
    expect(await expectRefused([entry({ name: 'dir/', type: '0', body: hidden })])).toBe(
      'member "dir/" is a file named like a directory that carries data, which GNU tar would read as headers',
    );
  });

  it("refuses names GNU tar would take from a record berth's reading would miss", async () => {
    expect(await expectRefused([pax({ 'GNU.sparse.name': '../escape', 'GNU.sparse.major': '1' }), file('benign', 'x')])).toMatch(
      /^the pax header at byte 0 uses GNU tar's GNU.sparse.name record/,
    );
    expect(await expectRefused([pax({ path: '/etc/everyone' }, 'g'), file('benign', 'x')])).toBe('the global pax header at byte 0 sets path for every member that follows');
    expect(await expectRefused([entry({ name: 'sparse', type: 'S' })])).toBe('member "sparse" is a GNU sparse file, which image layers do not use');
  });

  it('checks every name a member could be read as, not only the one GNU tar would use', async () => {
    expect(await expectRefused([gnuLong('../from-gnu'), pax({ path: 'benign' }), file('header-name', 'x')])).toBe(
      'member "benign" has a ".." component in its name (read as "../from-gnu")',
    );
  });

  it('refuses a header with a bad checksum, naming where it sits', async () => {
    const bad = header({ name: 'f', body: '' });
    bad[0] = 'g'.charCodeAt(0);
    expect(await expectRefused([file('ok', 'x'), bad])).toBe('the tar header at byte 1024 has a wrong checksum');
  });

  it('refuses files inside a whiteout and whiteouts of . and ..', async () => {
    expect(await expectRefused([directory('.wh.gone'), file('.wh.gone/file', 'x')])).toBe('member ".wh.gone/file" is written inside the whiteout ".wh.gone"');
    expect(await expectRefused([file('.wh..', '')])).toBe('member ".wh.." is a whiteout for ".", which names no file');
  });
});
