/**
 * Decodes one 512-byte tar header block the way GNU tar 1.34 reads it, or refuses it.
 *
 * The layer scanner and GNU tar must agree on where every header starts: a scanner that skips a
 * body GNU tar reads as headers (or the reverse) would wave through members GNU tar then writes.
 * So each field is read as GNU tar reads it (names are C strings cut at the first NUL; the ustar
 * prefix counts only under the POSIX magic "ustar\0"; numbers are octal or base-256), and
 * anything GNU tar would read differently or guess at (base-64 numbers, blank fields, negative
 * sizes) is refused rather than interpreted.
 *
 * Names are kept as latin1 strings: one character per byte, so they compare and measure exactly
 * as bytes, and "/" and "." can never hide inside a multi-byte UTF-8 sequence.
 */

export const blockSize = 512;

export interface TarHeader {
  /** The name field, behind the ustar prefix when there is one. */
  name: string;
  linkName: string;
  /** One character: '0', '5', 'x', ... ('\0' is an old-style regular file). */
  typeflag: string;
  /** The size field; a pax `size` record, when there is one, overrides it. */
  size: number;
  /** Set for character and block devices only. */
  device?: { major: number; minor: number };
}

/** A header GNU tar and berth might not read alike; `reason` completes "the header ...". */
export class MalformedHeader extends Error {}

const posixMagic = Buffer.from('ustar\0', 'latin1');

/** Returns undefined for an all-zero block: the end of the archive. */
export function decodeHeader(block: Buffer): TarHeader | undefined {
  if (block.every((byte) => byte === 0)) return undefined;
  checkChecksum(block);
  const typeflag = String.fromCharCode(block[156] ?? 0);
  let name = cString(block, 0, 100);
  const prefix = cString(block, 345, 155);
  if (prefix !== '' && block.subarray(257, 263).equals(posixMagic)) name = `${prefix}/${name}`;
  const header: TarHeader = {
    name,
    linkName: cString(block, 157, 100),
    typeflag,
    size: number(block, 124, 12, 'size'),
  };
  if (typeflag === '3' || typeflag === '4') {
    header.device = { major: number(block, 329, 8, 'devmajor'), minor: number(block, 337, 8, 'devminor') };
  }
  return header;
}

/** GNU tar accepts the sum of the block's bytes taken unsigned or signed, with the checksum field as spaces. */
function checkChecksum(block: Buffer): void {
  const stored = number(block, 148, 8, 'checksum');
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < blockSize; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) throw new MalformedHeader('has a wrong checksum');
}

function cString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('latin1');
}

/** Octal (leading spaces, then digits, then only spaces or NULs) or positive base-256. */
function number(block: Buffer, offset: number, length: number, field: string): number {
  const bytes = block.subarray(offset, offset + length);
  const first = bytes[0] ?? 0;
  if (first & 0x80) {
    if (first & 0x40) throw new MalformedHeader(`has a negative ${field}`);
    let value = first & 0x3f;
    for (const byte of bytes.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw new MalformedHeader(`has a ${field} too large to handle`);
    return value;
  }
  const text = bytes.toString('latin1');
  const match = /^ *([0-7]+)[ \0]*$/.exec(text);
  if (!match?.[1]) throw new MalformedHeader(`has a ${field} field that is not an octal number: ${JSON.stringify(text)}`);
  return parseInt(match[1], 8);
}

/** The bytes a body of `size` takes in the archive, padded to whole blocks. */
export function paddedSize(size: number): number {
  return Math.ceil(size / blockSize) * blockSize;
}
