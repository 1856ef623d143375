import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, symlinkSync, linkSync, utimesSync, writeFileSync, lutimesSync, chmodSync, lchownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { unpackLayer } from '../../../../src/runtime/images/layers/index.js';
import { layerPlace, listTree, streamOf, digestOf } from './layer-place.js';
import { archive, directory, entry, file, gnuLong, hardLink, pax } from './tar-bytes.js';

/** What a person would compare between two trees: type, mode, owner, size, times, target, content. */
function describeTree(root: string): Record<string, string> {
  const described: Record<string, string> = {};
  for (const path of ['', ...listTree(root).map((line) => line.replace(/( ->|\/)$/, ''))]) {
    const full = join(root, path);
    const stats = lstatSync(full);
    const what = stats.isSymbolicLink()
      ? `-> ${readlinkSync(full)}`
      : stats.isFile()
        ? `sha256 ${createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 12)}`
        : '';
    const mtime = stats.isSymbolicLink() ? '' : ` mtime ${stats.mtimeMs}`;
    described[path || '.'] = `${(stats.mode & 0o170000).toString(8)} ${(stats.mode & 0o7777).toString(8)} ${stats.uid}:${stats.gid}${mtime} ${what}`;
  }
  return described;
}

function getfattr(path: string, name: string): string {
  return execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', name, path], { encoding: 'utf8' });
}

describe('unpackLayer', () => {
  it('unpacks a layer GNU tar packed from a real tree with its modes, owners, times, links and xattrs', async () => {
    const source = mkdtempSync(join(tmpdir(), 'berth-layer-source-'));
    try {
      mkdirSync(join(source, 'etc'));
      mkdirSync(join(source, 'usr/bin'), { recursive: true });
      mkdirSync(join(source, 'home/app'), { recursive: true });
      writeFileSync(join(source, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
      linkSync(join(source, 'etc/passwd'), join(source, 'etc/passwd-'));
      writeFileSync(join(source, 'usr/bin/tool'), '#!/bin/sh\necho tool\n');
      chmodSync(join(source, 'usr/bin/tool'), 0o4755);
      writeFileSync(join(source, 'home/app/secret'), 'secret');
      chmodSync(join(source, 'home/app/secret'), 0o600);
      chownSync(join(source, 'home/app/secret'), 1234, 5678);
      chownSync(join(source, 'home/app'), 1000, 1000);
      chmodSync(join(source, 'home/app'), 0o2750);
      symlinkSync('/usr/bin/tool', join(source, 'usr/bin/absolute'));
      symlinkSync('../../etc/passwd', join(source, 'usr/bin/relative'));
      lchownSync(join(source, 'usr/bin/relative'), 42, 43);
      execFileSync('setfattr', ['-n', 'user.note', '-v', 'kept', join(source, 'etc/passwd')]);
      execFileSync('mkfifo', [join(source, 'home/app/pipe')]);
      for (const path of ['etc/passwd', 'usr/bin/tool', 'home/app/secret', 'home/app/pipe', 'home/app', 'usr/bin', 'usr', 'etc', 'home', '']) {
        utimesSync(join(source, path), 1_600_000_000, 1_600_000_000 + path.length);
      }
      lutimesSync(join(source, 'usr/bin/absolute'), 1_600_000_000, 1_600_000_000);
      const bytes = execFileSync('tar', ['-c', '--xattrs', '--xattrs-include=*', '--numeric-owner', '-C', source, '.'], { maxBuffer: 1 << 26 });
      const place = layerPlace();

      // Chunks of 700 bytes cut through headers and bodies alike.
      const counts = await unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes, 700), directory: place.layer });

      expect(counts).toEqual({ whiteouts: 0, opaqueDirectories: 0 });
      expect(describeTree(place.layer)).toEqual(describeTree(source));
      expect(lstatSync(join(place.layer, 'etc/passwd-')).ino).toBe(lstatSync(join(place.layer, 'etc/passwd')).ino);
      expect(lstatSync(join(place.layer, 'home/app/pipe')).isFIFO()).toBe(true);
      expect(getfattr(join(place.layer, 'etc/passwd'), 'user.note')).toBe('kept');
    } finally {
      execFileSync('rm', ['-rf', source]);
    }
  });

  it('puts members named by pax paths, GNU long names and ustar prefixes where they say', async () => {
    const deep = `${'d'.repeat(120)}/${'e'.repeat(120)}`;
    const bytes = archive(
      pax({ path: `${deep}/from-pax` }),
      file('truncated-by-the-writer', 'pax'),
      gnuLong(`${deep}/from-gnu`),
      file('././@LongLink-name', 'gnu'),
      entry({ name: 'from-prefix', prefix: 'a/b', body: 'prefix' }),
      pax({ linkpath: `${deep}/from-pax` }),
      hardLink(`linked`, 'x'),
    );
    const place = layerPlace();

    await unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes), directory: place.layer });

    expect(readFileSync(join(place.layer, deep, 'from-pax'), 'utf8')).toBe('pax');
    expect(readFileSync(join(place.layer, deep, 'from-gnu'), 'utf8')).toBe('gnu');
    expect(readFileSync(join(place.layer, 'a/b/from-prefix'), 'utf8')).toBe('prefix');
    expect(lstatSync(join(place.layer, 'linked')).ino).toBe(lstatSync(join(place.layer, deep, 'from-pax')).ino);
  });

  it("keeps a layer's xattrs but drops overlayfs's own, which only whiteout conversion may set", async () => {
    const bytes = archive(
      directory('dir'),
      pax({ 'SCHILY.xattr.user.kept': 'yes', 'SCHILY.xattr.trusted.overlay.redirect': '/elsewhere', 'SCHILY.xattr.trusted.overlay.opaque': 'y' }),
      directory('dir/sub'),
    );
    const place = layerPlace();

    await unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes), directory: place.layer });

    const dump = execFileSync('getfattr', ['--absolute-names', '-d', '-m', '-', join(place.layer, 'dir/sub')], { encoding: 'utf8' });
    expect(dump).toContain('user.kept="yes"');
    expect(dump).not.toContain('trusted.overlay');
  });

  it('makes an empty layer from an empty stream, from end blocks alone, and ignores what follows the end', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.alloc(1024), Buffer.concat([file('kept', 'k'), Buffer.alloc(512), file('after-the-end', 'x'), Buffer.from('junk')])]) {
      const place = layerPlace();
      await unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes, 100), directory: place.layer });
      expect(listTree(place.layer)).toEqual(bytes.length > 1024 ? ['kept'] : []);
    }
  });

  it('refuses a directory that is not empty and leaves what is in it', async () => {
    const place = layerPlace();
    writeFileSync(join(place.layer, 'already-here'), 'mine');
    const bytes = archive(file('new', 'x'));

    await expect(unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes), directory: place.layer })).rejects.toMatchObject({
      code: 'LAYER_DIRECTORY_NOT_EMPTY',
      message: expect.stringContaining(place.layer),
    });
    expect(listTree(place.layer)).toEqual(['already-here']);
  });

  it("reports GNU tar's exit status and last words, and leaves the directory empty", async () => {
    const bytes = archive(file('first', 'x'), hardLink('broken', 'missing-target'));
    const digest = digestOf(bytes);
    const place = layerPlace();

    const failure = unpackLayer({ digest, tar: streamOf(bytes), directory: place.layer });

    await expect(failure).rejects.toMatchObject({ code: 'LAYER_UNPACK_FAILED', message: expect.stringContaining(digest) });
    await expect(failure).rejects.toThrow(/GNU tar exited with 2: .*broken: Cannot hard link to .missing-target.: No such file or directory/);
    expect(readdirSync(place.layer)).toEqual([]);
  });

  it('names the Debian package to install when GNU tar is missing', async () => {
    const bytes = archive(file('first', 'x'));
    const place = layerPlace();
    const path = process.env.PATH;
    process.env.PATH = place.base;
    try {
      await expect(unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes), directory: place.layer })).rejects.toMatchObject({
        code: 'LAYER_UNPACK_FAILED',
        message: `layer ${digestOf(bytes)} could not be unpacked: GNU tar is not installed`,
        hint: 'install the Debian package tar (berth runs it to unpack layers)',
      });
    } finally {
      process.env.PATH = path;
    }
  });

  it('says a stream that stops inside a member was cut short, and leaves the directory empty', async () => {
    const whole = archive(file('first', 'x'), file('big', 'y'.repeat(5000)));
    const bytes = whole.subarray(0, 2000);
    const place = layerPlace();

    await expect(unpackLayer({ digest: digestOf(whole), tar: streamOf(bytes), directory: place.layer })).rejects.toMatchObject({
      code: 'LAYER_TRUNCATED',
      message: `layer ${digestOf(whole)} ends inside member "big": the tar stream was cut short`,
    });
    expect(readdirSync(place.layer)).toEqual([]);
  });

  it("rethrows the stream's own error (a digest mismatch, say) and leaves the directory empty", async () => {
    const good = file('first', 'x');
    const mismatch = new Error('diff_id mismatch');
    const tar = Readable.from(
      (async function* () {
        yield good;
        throw mismatch;
      })(),
    );
    const place = layerPlace();

    await expect(unpackLayer({ digest: digestOf(good), tar, directory: place.layer })).rejects.toBe(mismatch);
    expect(readdirSync(place.layer)).toEqual([]);
  });

  it("stops when the signal aborts, rejects with the signal's reason and leaves the directory empty", async () => {
    const controller = new AbortController();
    const reason = new Error('pull cancelled');
    let served = false;
    const tar = new Readable({
      read() {
        if (served) return controller.abort(reason);
        served = true;
        this.push(file('first', 'x'));
      },
    });
    const place = layerPlace();

    await expect(unpackLayer({ digest: digestOf(Buffer.alloc(0)), tar, directory: place.layer, signal: controller.signal })).rejects.toBe(reason);
    expect(readdirSync(place.layer)).toEqual([]);
  });
});
