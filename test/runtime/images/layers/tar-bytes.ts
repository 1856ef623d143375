/**
 * Tar archives written byte by byte, so tests can say exactly what a hostile layer holds: names
 * GNU tar's own writer would never produce, bodies on hard links, lying size records.
 */

const block = 512;

export interface EntrySpec {
  /** The header's name field (at most 100 bytes). */
  name: string | Buffer;
  /** The typeflag, '0' by default. */
  type?: string;
  body?: string | Buffer;
  /** The size field; the body's length by default. */
  size?: number;
  linkName?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  devMajor?: number;
  devMinor?: number;
  prefix?: string;
}

export function header(spec: EntrySpec): Buffer {
  const bytes = Buffer.alloc(block);
  const body = toBuffer(spec.body ?? '');
  field(bytes, 0, 100, toBuffer(spec.name));
  octal(bytes, 100, 8, spec.mode ?? (spec.type === '5' ? 0o755 : 0o644));
  octal(bytes, 108, 8, spec.uid ?? 0);
  octal(bytes, 116, 8, spec.gid ?? 0);
  octal(bytes, 124, 12, spec.size ?? body.length);
  octal(bytes, 136, 12, spec.mtime ?? 1_700_000_000);
  bytes.write(spec.type ?? '0', 156, 'latin1');
  field(bytes, 157, 100, Buffer.from(spec.linkName ?? ''));
  bytes.write('ustar\u000000', 257, 'latin1');
  field(bytes, 265, 32, Buffer.from('root'));
  field(bytes, 297, 32, Buffer.from('root'));
  octal(bytes, 329, 8, spec.devMajor ?? 0);
  octal(bytes, 337, 8, spec.devMinor ?? 0);
  field(bytes, 345, 155, Buffer.from(spec.prefix ?? ''));
  bytes.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of bytes) sum += byte;
  bytes.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return bytes;
}

/** A header and its body, padded to whole blocks. */
export function entry(spec: EntrySpec): Buffer {
  return Buffer.concat([header(spec), padded(toBuffer(spec.body ?? ''))]);
}

export function file(name: string, body: string, extra: Partial<EntrySpec> = {}): Buffer {
  return entry({ name, body, ...extra });
}

export function directory(name: string, extra: Partial<EntrySpec> = {}): Buffer {
  return entry({ name, type: '5', ...extra });
}

export function symlink(name: string, target: string): Buffer {
  return entry({ name, type: '2', linkName: target, mode: 0o777 });
}

export function hardLink(name: string, target: string): Buffer {
  return entry({ name, type: '1', linkName: target });
}

/** A pax extended header ('x', or 'g' for a global one) holding `records`. */
export function pax(records: Record<string, string | Buffer>, type = 'x'): Buffer {
  const body = Buffer.concat(Object.entries(records).map(([key, value]) => paxRecord(key, toBuffer(value))));
  return entry({ name: 'PaxHeaders/entry', type, body });
}

/** A GNU long name ('L') or long link ('K') header. */
export function gnuLong(value: string, type = 'L'): Buffer {
  return entry({ name: '././@LongLink', type, body: Buffer.concat([Buffer.from(value), Buffer.alloc(1)]) });
}

export const endOfArchive = Buffer.alloc(2 * block);

export function archive(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, endOfArchive]);
}

function paxRecord(key: string, value: Buffer): Buffer {
  const rest = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = rest.length + 1;
  while (String(length).length + rest.length !== length) length = String(length).length + rest.length;
  return Buffer.concat([Buffer.from(String(length)), rest]);
}

function padded(body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.alloc((block - (body.length % block)) % block)]);
}

function toBuffer(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function field(bytes: Buffer, offset: number, length: number, value: Buffer): void {
  if (value.length > length) throw new Error(`tar field of ${length} bytes cannot hold ${value.length}`);
  value.copy(bytes, offset);
}

function octal(bytes: Buffer, offset: number, length: number, value: number): void {
  bytes.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'latin1');
}
