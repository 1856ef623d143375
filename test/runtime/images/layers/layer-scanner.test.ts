import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayerScanner } from '../../../../src/runtime/images/layers/layer-scanner.js';
import { archive, directory, endOfArchive, entry, file, gnuLong, pax, symlink } from './tar-bytes.js';

const digest = `sha256:${'ab'.repeat(32)}`;

/** Feeds `bytes` cut at `cuts`; returns what the scanner handed on, and its refusal if any. */
function scan(bytes: Buffer, cuts: number[]): { handedOn: Buffer; refusal?: unknown; scanner: LayerScanner } {
  const scanner = new LayerScanner(digest);
  const handedOn: Buffer[] = [];
  const points = [...new Set([0, ...cuts.filter((cut) => cut < bytes.length), bytes.length])].sort((a, b) => a - b);
  try {
    for (let index = 1; index < points.length; index++) handedOn.push(scanner.write(bytes.subarray(points[index - 1], points[index])));
    handedOn.push(scanner.end());
  } catch (refusal) {
    return { handedOn: Buffer.concat(handedOn), refusal, scanner };
  }
  return { handedOn: Buffer.concat(handedOn), scanner };
}

const good = archive(
  directory('etc'),
  file('etc/hostname', 'berth\n'),
  pax({ path: `${'p'.repeat(150)}/long`, 'SCHILY.xattr.user.x': 'y' }),
  file('short', 'x'.repeat(1500)),
  gnuLong(`${'g'.repeat(150)}/long`),
  file('gnu', 'g'),
  symlink('etc/link', '/usr/lib'),
  file('etc/.wh.old', ''),
  file('var/.wh..wh..opq', ''),
);

describe('LayerScanner', () => {
  it('hands GNU tar the archive as it came, however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: good.length }), { maxLength: 12 }), (cuts) => {
        const { handedOn, refusal, scanner } = scan(good, cuts);
        expect(refusal).toBeUndefined();
        expect(handedOn.equals(good)).toBe(true);
        expect(scanner.markers).toEqual({ whiteouts: ['etc/.wh.old'], opaqueDirectories: ['var'], aufsMetadata: [] });
      }),
    );
  });

  it('never hands on the whole of a refused header, however the stream is cut', () => {
    const before = Buffer.concat([file('a', 'x'.repeat(700)), directory('b')]);
    const hostile = Buffer.concat([before, symlink('up', '/'), file('up/etc/shadow', 'x'), endOfArchive]);
    const refusedHeaderEnd = before.length + 1024 + 512;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: hostile.length }), { maxLength: 12 }), (cuts) => {
        const { handedOn, refusal } = scan(hostile, cuts);
        expect(refusal).toMatchObject({ code: 'LAYER_REFUSED', message: expect.stringContaining('member "up/etc/shadow"') });
        expect(handedOn.length).toBeLessThan(refusedHeaderEnd);
      }),
    );
  });

  it('stops at the first zero block, adds the second, and swallows what follows', () => {
    const bytes = Buffer.concat([file('a', 'x'), Buffer.alloc(512), file('b', 'hidden'), Buffer.from('trailing junk')]);
    const { handedOn, refusal } = scan(bytes, [700, 1300]);
    expect(refusal).toBeUndefined();
    expect(handedOn.equals(Buffer.concat([file('a', 'x'), Buffer.alloc(1024)]))).toBe(true);
  });

  it('frames a pax size record as GNU tar does, over the header size', () => {
    const hidden = entry({ name: 'sda', type: '4', devMajor: 8, devMinor: 0 });
    // The header says 0 bytes; the pax record says the body is the hidden header, so it is data.
    const { refusal } = scan(archive(pax({ size: String(hidden.length) }), entry({ name: 'f', size: 0 }), hidden), []);
    expect(refusal).toBeUndefined();
    const lying = scan(archive(pax({ size: '0' }), entry({ name: 'f', body: hidden })), []);
    expect(lying.refusal).toMatchObject({ message: expect.stringContaining('member "sda" is a block device 8:0') });
  });
});
