import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackLayer } from '../../../../src/runtime/images/layers/index.js';
import { digestOf, layerPlace, listTree, streamOf } from './layer-place.js';
import { archive, directory, file } from './tar-bytes.js';

async function unpack(bytes: Buffer): Promise<{ layer: string; counts: { whiteouts: number; opaqueDirectories: number } }> {
  const { layer } = layerPlace();
  const counts = await unpackLayer({ digest: digestOf(bytes), tar: streamOf(bytes), directory: layer });
  return { layer, counts };
}

function opaqueMark(path: string): string | undefined {
  const result = spawnSync('getfattr', ['--absolute-names', '--only-values', '-n', 'trusted.overlay.opaque', path], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

describe('whiteout conversion', () => {
  it('turns .wh.NAME into a 0:0 character device NAME and removes the marker', async () => {
    const { layer, counts } = await unpack(archive(directory('etc'), file('etc/.wh.motd', ''), file('.wh.tmp', '')));

    expect(counts).toEqual({ whiteouts: 2, opaqueDirectories: 0 });
    for (const path of ['etc/motd', 'tmp']) {
      const stats = lstatSync(join(layer, path));
      expect(stats.isCharacterDevice()).toBe(true);
      expect(stats.rdev).toBe(0);
    }
    expect(listTree(layer)).toEqual(['etc/', 'etc/motd', 'tmp']);
  });

  it('turns .wh..wh..opq into trusted.overlay.opaque=y on its directory, the layer root included', async () => {
    const { layer, counts } = await unpack(
      archive(directory('var'), directory('var/cache'), file('var/cache/.wh..wh..opq', ''), file('var/cache/fresh', 'new'), file('.wh..wh..opq', '')),
    );

    expect(counts).toEqual({ whiteouts: 0, opaqueDirectories: 2 });
    expect(opaqueMark(join(layer, 'var/cache'))).toBe('y');
    expect(opaqueMark(layer)).toBe('y');
    expect(opaqueMark(join(layer, 'var'))).toBeUndefined();
    expect(listTree(layer)).toEqual(['var/', 'var/cache/', 'var/cache/fresh']);
  });

  it('keeps a file the same layer also whites out, since a whiteout hides only lower layers', async () => {
    const { layer, counts } = await unpack(archive(file('both', 'kept'), file('.wh.both', '')));

    expect(counts).toEqual({ whiteouts: 0, opaqueDirectories: 0 });
    expect(readFileSync(join(layer, 'both'), 'utf8')).toBe('kept');
    expect(listTree(layer)).toEqual(['both']);
  });

  it('gives directories back the modification times the layer set', async () => {
    const { layer } = await unpack(
      archive(directory('d', { mtime: 1_500_000_000 }), file('d/.wh.gone', ''), directory('o', { mtime: 1_400_000_000 }), file('o/.wh..wh..opq', '')),
    );

    expect(lstatSync(join(layer, 'd')).mtimeMs).toBe(1_500_000_000_000);
    expect(lstatSync(join(layer, 'o')).mtimeMs).toBe(1_400_000_000_000);
  });

  it('drops aufs bookkeeping whole, as Docker does', async () => {
    const { layer, counts } = await unpack(archive(directory('.wh..wh.plnk'), file('.wh..wh.plnk/1234.5678', 'x'), file('.wh..wh.aufs', ''), file('kept', 'k')));

    expect(counts).toEqual({ whiteouts: 0, opaqueDirectories: 0 });
    expect(listTree(layer)).toEqual(['kept']);
  });

  it('converts whiteouts in bulk', async () => {
    const names = Array.from({ length: 150 }, (_, index) => `f${index}`);
    const { layer, counts } = await unpack(archive(directory('many'), ...names.map((name) => file(`many/.wh.${name}`, ''))));

    expect(counts.whiteouts).toBe(150);
    expect(execFileSync('find', [join(layer, 'many'), '-type', 'c'], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(150);
  });
});
