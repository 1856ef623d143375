import { Header } from 'tar';

/**
 * The pieces of a tar archive berth writes itself (save): ustar headers made by the `tar`
 * package's Header, the zero padding that ends each member's data on a 512-byte block, and the
 * two zero blocks that end the archive. Every member is owned by 0:0 and dated at the epoch, so
 * the same images always save to the same bytes.
 */
const block = 512;
const epoch = new Date(0);

export type TarMember = { type: 'file'; name: string; size: number } | { type: 'directory'; name: string };

export function tarHeader(member: TarMember): Buffer {
  const common = { uid: 0, gid: 0, uname: '', gname: '', mtime: epoch };
  const header =
    member.type === 'file'
      ? new Header({ ...common, path: member.name, type: 'File', mode: 0o644, size: member.size })
      : new Header({ ...common, path: `${member.name}/`, type: 'Directory', mode: 0o755, size: 0 });
  // Names are at most 100 bytes (blobs/sha256/<hex> is 77); sizes past 8 GiB get GNU's base-256
  // encoding, which Go's archive/tar and GNU tar read, so no PAX header is ever needed.
  header.encode();
  return header.block!;
}

export function tarPadding(size: number): Buffer {
  return Buffer.alloc((block - (size % block)) % block);
}

export function tarEnd(): Buffer {
  return Buffer.alloc(2 * block);
}
