import type { Readable } from 'node:stream';

/** One member of a layer tar as a test reads it: the header's fields, with pax records applied. */
export interface LayerMember {
  path: string;
  type: 'File' | 'Link' | 'SymbolicLink' | 'Directory' | 'FIFO' | 'CharacterDevice' | 'Other';
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  linkpath: string;
  /** `SCHILY.xattr.NAME` records, values as latin1 text. */
  xattrs: Record<string, string>;
  body: Buffer;
}

const types: Record<string, LayerMember['type']> = { '0': 'File', '\0': 'File', '1': 'Link', '2': 'SymbolicLink', '3': 'CharacterDevice', '5': 'Directory', '6': 'FIFO' };

/**
 * Reads a whole (small) uncompressed tar into its members, independently of the code under test:
 * ustar fields, the prefix, and pax `path`, `linkpath`, `size` and `SCHILY.xattr.*` records.
 * Checksums are verified, so a malformed header fails the test.
 */
export async function layerMembers(tar: Readable): Promise<LayerMember[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const members: LayerMember[] = [];
  let pax: Record<string, Buffer> = {};
  for (let offset = 0; offset + 512 <= bytes.length; ) {
    const block = bytes.subarray(offset, offset + 512);
    if (block.every((byte) => byte === 0)) break;
    const stored = octal(block, 148, 8);
    let sum = 0;
    for (let index = 0; index < 512; index++) sum += index >= 148 && index < 156 ? 0x20 : block[index]!;
    if (sum !== stored) throw new Error(`bad checksum at offset ${offset}`);
    const typeflag = String.fromCharCode(block[156]!);
    const size = pax.size ? Number(pax.size.toString()) : octal(block, 124, 12);
    const body = bytes.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (typeflag === 'x') {
      pax = records(body);
      continue;
    }
    const prefix = text(block, 345, 155);
    const name = text(block, 0, 100);
    const xattrs = Object.fromEntries(Object.entries(pax).filter(([key]) => key.startsWith('SCHILY.xattr.')).map(([key, value]) => [key.slice('SCHILY.xattr.'.length), value.toString('latin1')]));
    members.push({
      path: pax.path?.toString('latin1') ?? (prefix ? `${prefix}/${name}` : name),
      type: types[typeflag] ?? 'Other',
      mode: octal(block, 100, 8),
      uid: octal(block, 108, 8),
      gid: octal(block, 116, 8),
      size,
      mtime: octal(block, 136, 12),
      linkpath: pax.linkpath?.toString('latin1') ?? text(block, 157, 100),
      xattrs,
      body: Buffer.from(body),
    });
    pax = {};
  }
  return members;
}

function records(body: Buffer): Record<string, Buffer> {
  const found: Record<string, Buffer> = {};
  for (let offset = 0; offset < body.length; ) {
    const space = body.indexOf(0x20, offset);
    const length = Number(body.subarray(offset, space).toString());
    const record = body.subarray(space + 1, offset + length - 1);
    const equals = record.indexOf(0x3d);
    found[record.subarray(0, equals).toString('latin1')] = Buffer.from(record.subarray(equals + 1));
    offset += length;
  }
  return found;
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('latin1');
}

function octal(block: Buffer, start: number, length: number): number {
  return parseInt(text(block, start, length).trim() || '0', 8);
}
