/**
 * The header blocks of one member of a layer tar, as Docker's archiver writes them with Go's
 * archive/tar (PAX format): a ustar header with numeric owners and no user or group names, whole
 * seconds, and before it a pax extended header only when something does not fit ustar: a name or
 * link target too long to split, a number too large for its octal field, extended attributes
 * (`SCHILY.xattr.NAME`, GNU tar's and Go's key). Names and values are bytes (latin1 strings
 * here): a filesystem's names need not be UTF-8, and ustar fields carry them as they are.
 */
export interface LayerMember {
  /** Relative to the root; a directory's ends with `/`. */
  name: string;
  type: 'file' | 'hard-link' | 'symlink' | 'directory' | 'fifo';
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** The body's length: files only. */
  size: number;
  /** A symlink's target, or the name of the member a hard link repeats. */
  linkName?: string;
  xattrs?: ReadonlyArray<readonly [name: string, value: Buffer]>;
}

export const blockSize = 512;

const typeflags: Record<LayerMember['type'], string> = { 'file': '0', 'hard-link': '1', 'symlink': '2', 'directory': '5', 'fifo': '6' };
const maxOctal8 = 0o7777777;
const maxOctal12 = 0o77777777777;

export function memberHeader(member: LayerMember): Buffer {
  const records: Array<[string, Buffer]> = [];
  const split = splitName(member.name);
  if (split === undefined) records.push(['path', Buffer.from(member.name, 'latin1')]);
  if (member.linkName !== undefined && member.linkName.length > 100) records.push(['linkpath', Buffer.from(member.linkName, 'latin1')]);
  const numbers = { uid: member.uid, gid: member.gid, size: member.size, mtime: member.mtime };
  if (numbers.uid > maxOctal8) records.push(['uid', Buffer.from(String(numbers.uid))]);
  if (numbers.gid > maxOctal8) records.push(['gid', Buffer.from(String(numbers.gid))]);
  if (numbers.size > maxOctal12) records.push(['size', Buffer.from(String(numbers.size))]);
  if (numbers.mtime > maxOctal12 || numbers.mtime < 0) records.push(['mtime', Buffer.from(String(numbers.mtime))]);
  for (const [name, value] of member.xattrs ?? []) records.push([`SCHILY.xattr.${name}`, value]);
  const header = ustarBlock({
    name: split?.name ?? member.name.slice(0, 100),
    prefix: split?.prefix ?? '',
    typeflag: typeflags[member.type],
    mode: member.mode,
    uid: numbers.uid > maxOctal8 ? 0 : numbers.uid,
    gid: numbers.gid > maxOctal8 ? 0 : numbers.gid,
    size: numbers.size > maxOctal12 ? 0 : numbers.size,
    mtime: numbers.mtime > maxOctal12 || numbers.mtime < 0 ? 0 : numbers.mtime,
    linkName: (member.linkName ?? '').slice(0, 100),
  });
  if (records.length === 0) return header;
  // Go sorts the records by key; readers take the last of a repeated key, so order does not change meaning.
  records.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = Buffer.concat(records.map(([key, value]) => paxRecord(key, value)));
  const paxHeader = ustarBlock({ name: paxHeaderName(member.name), prefix: '', typeflag: 'x', mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: 0, linkName: '' });
  return Buffer.concat([paxHeader, body, padding(body.length), header]);
}

/** The zeros that fill a body of `size` bytes up to its last block. */
export function padding(size: number): Buffer {
  return Buffer.alloc((blockSize - (size % blockSize)) % blockSize);
}

/** Two zero blocks end an archive; alone, they are the empty layer. */
export const endOfArchive = Buffer.alloc(2 * blockSize);

interface UstarFields {
  name: string;
  prefix: string;
  typeflag: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  linkName: string;
}

function ustarBlock(fields: UstarFields): Buffer {
  const block = Buffer.alloc(blockSize);
  block.write(fields.name, 0, 100, 'latin1');
  octal(block, 100, 8, fields.mode);
  octal(block, 108, 8, fields.uid);
  octal(block, 116, 8, fields.gid);
  octal(block, 124, 12, fields.size);
  octal(block, 136, 12, fields.mtime);
  block.write(fields.typeflag, 156, 1, 'latin1');
  block.write(fields.linkName, 157, 100, 'latin1');
  block.write('ustar\u000000', 257, 8, 'latin1');
  octal(block, 329, 8, 0);
  octal(block, 337, 8, 0);
  block.write(fields.prefix, 345, 155, 'latin1');
  // The checksum counts its own field as spaces; it is six digits, a NUL and a space.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return block;
}

/** A number in octal, zero-padded, NUL-terminated, as Go writes fields that fit. */
function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}

/** ustar's name and prefix fields (Go's splitUSTARPath); undefined when the name needs a pax `path`. */
function splitName(name: string): { name: string; prefix: string } | undefined {
  if (name.length <= 100) return { name, prefix: '' };
  let length = name.length;
  if (length > 156) length = 156;
  else if (name[length - 1] === '/') length--;
  const slash = name.lastIndexOf('/', length - 1);
  const suffixLength = name.length - slash - 1;
  if (slash <= 0 || suffixLength > 100 || suffixLength === 0 || slash > 155) return undefined;
  return { prefix: name.slice(0, slash), name: name.slice(slash + 1) };
}

/** `LENGTH KEY=VALUE\n`, LENGTH counting the whole record, its own digits included. */
function paxRecord(key: string, value: Buffer): Buffer {
  const rest = Buffer.byteLength(key, 'latin1') + value.length + 3; // the space, "=" and newline
  let length = rest + String(rest).length;
  if (String(length).length !== String(rest).length) length = rest + String(length).length;
  return Buffer.concat([Buffer.from(`${length} ${key}=`, 'latin1'), value, Buffer.from('\n')]);
}

/** Go's name for the extended header: `DIR/PaxHeaders.0/BASE`, cut to the name field. */
function paxHeaderName(name: string): string {
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
  const slash = trimmed.lastIndexOf('/');
  const directory = slash === -1 ? '' : `${trimmed.slice(0, slash)}/`;
  return `${directory}PaxHeaders.0/${trimmed.slice(slash + 1)}`.slice(0, 100);
}
