import { displayName, layerRefused, memberSubject } from './layer-errors.js';

/**
 * What berth lets a layer member be. GNU tar already strips absolute names, refuses ".." and
 * parks symlinks that leave the directory as placeholder files until the end; this policy does
 * not rely on any of that, and refuses before GNU tar sees the header:
 * - names that are absolute, climb with "..", hold a NUL, or run past 4096 bytes;
 * - hard links to such targets, or through a symlink;
 * - any member written through a symlink the same layer made earlier (a layer made by walking a
 *   filesystem never does this; a hostile one does it to escape);
 * - block devices and character devices other than 0:0 (overlayfs whiteouts);
 * - member types GNU tar reads differently from berth (sparse files, multi-volume parts, ...),
 *   and bodies on members GNU tar reads without one.
 * It also records the whiteout markers (`.wh.NAME`, `.wh..wh..opq`) for conversion afterwards.
 */

/** One member as the scanner assembled it from its header and the extended headers before it. */
export interface MemberHeader {
  typeflag: string;
  /** The name GNU tar uses: the last pax path, else the last GNU long name, else the header's. */
  name: string;
  /** Every name the member could be read as (header, GNU long names, pax paths); all are checked. */
  names: string[];
  linkName: string;
  linkNames: string[];
  headerSize: number;
  paxSize: number | undefined;
  device?: { major: number; minor: number };
}

/** Whiteout markers found in the layer, as normalized latin1 paths relative to its root. */
export interface LayerMarkers {
  /** `.wh.NAME` files: each becomes a 0:0 character device NAME. */
  whiteouts: string[];
  /** Directories that held `.wh..wh..opq` ('' for the layer root). */
  opaqueDirectories: string[];
  /** aufs bookkeeping (`.wh..wh.plnk`, ...), dropped as Docker drops it. */
  aufsMetadata: string[];
}

export const maxNameBytes = 4096;

const headerOnlyTypes: Record<string, string> = { '1': 'hard link', '2': 'symlink', '3': 'character device', '4': 'block device', '5': 'directory', '6': 'FIFO' };

const unsupportedTypes: Record<string, string> = {
  S: 'a GNU sparse file',
  M: 'a GNU multi-volume continuation',
  V: 'a GNU volume label',
  N: 'an old GNU long-name record',
  D: 'a GNU incremental dump directory',
  X: 'a Solaris extended header',
  A: 'a Solaris ACL',
  E: 'a Solaris extended attribute',
  I: 'an inode-only record',
};

type Refuse = (reason: string) => never;

export class MemberPolicy {
  /** Symlinks made so far, by normalized path, with their targets. */
  private readonly symlinks = new Map<string, string>();
  private readonly whiteouts = new Set<string>();
  private readonly opaqueDirectories = new Set<string>();
  private readonly aufsMetadata = new Set<string>();

  constructor(private readonly digest: string) {}

  get markers(): LayerMarkers {
    return { whiteouts: [...this.whiteouts], opaqueDirectories: [...this.opaqueDirectories], aufsMetadata: [...this.aufsMetadata] };
  }

  /** Refuses the member (LAYER_REFUSED) or returns the size of the body that follows its header. */
  admit(member: MemberHeader): number {
    const refuse: Refuse = (reason) => {
      throw layerRefused(this.digest, memberSubject(member.name), reason);
    };
    for (const name of member.names) checkName(name, member.name, refuse);
    const type = member.typeflag;
    const carriesData = member.headerSize > 0 || (member.paxSize ?? 0) > 0;
    let bodySize = 0;
    let isDirectory = type === '5';
    if (type === '0' || type === '\0' || type === '7') {
      // GNU tar makes a directory of a file member whose name ends in "/", and reads no body for it.
      isDirectory = member.name.endsWith('/');
      if (isDirectory && carriesData) refuse('is a file named like a directory that carries data, which GNU tar would read as headers');
      if (!isDirectory) bodySize = member.paxSize ?? member.headerSize;
    } else if (headerOnlyTypes[type]) {
      if (carriesData) refuse(`is a ${headerOnlyTypes[type]} with a body, which GNU tar would read as headers`);
    } else {
      refuse(`is ${unsupportedTypes[type] ?? `of unknown type ${JSON.stringify(type)}`}, which image layers do not use`);
    }
    const parts = components(member.name);
    if (parts.length === 0 && !isDirectory) refuse('names the layer root itself');
    if (type === '1') this.checkHardLink(member, refuse);
    if (type === '2') for (const target of member.linkNames) checkLength(target, 'symlink target', refuse);
    if (type === '3' && (member.device?.major !== 0 || member.device.minor !== 0)) {
      refuse(`is a character device ${deviceNumbers(member)}; image layers may not carry device nodes, only 0:0 whiteouts`);
    }
    if (type === '4') refuse(`is a block device ${deviceNumbers(member)}; image layers may not carry device nodes`);
    for (const name of member.names) this.checkParents(components(name), 'is written', refuse);
    if (type === '2' || (type === '1' && member.linkNames.some((target) => this.symlinks.has(key(components(target)))))) {
      // A hard link to a symlink is a symlink too.
      for (const name of member.names) this.symlinks.set(key(components(name)), member.linkName);
    }
    this.recordMarker(parts, refuse);
    return bodySize;
  }

  private checkHardLink(member: MemberHeader, refuse: Refuse): void {
    for (const target of member.linkNames) {
      checkLength(target, 'hard link target', refuse);
      if (target.startsWith('/')) refuse(`is a hard link to the absolute path ${displayName(target)}`);
      const parts = components(target);
      if (parts.includes('..')) refuse(`is a hard link to ${displayName(target)}, which climbs out with ".."`);
      this.checkParents(parts, 'is a hard link', refuse);
    }
    if (components(member.linkName).length === 0) refuse('is a hard link to the layer root');
  }

  /** Refuses a path that goes through a symlink of this layer, or into a whiteout marker. */
  private checkParents(parts: string[], doing: string, refuse: Refuse): void {
    let prefix = '';
    for (const part of parts.slice(0, -1)) {
      prefix = prefix === '' ? part : `${prefix}/${part}`;
      const target = this.symlinks.get(prefix);
      if (target !== undefined) {
        const outside = leadsOutside(prefix, target) ? ', which points outside the layer' : '';
        refuse(`${doing} through the symlink ${displayName(prefix)} (-> ${displayName(target)}) that the layer made earlier${outside}`);
      }
      if (part.startsWith('.wh..wh.')) return; // inside aufs bookkeeping, which is dropped whole
      if (part.startsWith('.wh.')) refuse(`${doing} inside the whiteout ${displayName(prefix)}`);
    }
  }

  private recordMarker(parts: string[], refuse: Refuse): void {
    const base = parts.at(-1);
    if (base === undefined || !base.startsWith('.wh.') || parts.slice(0, -1).some((part) => part.startsWith('.wh.'))) return;
    if (base === '.wh..wh..opq') this.opaqueDirectories.add(key(parts.slice(0, -1)));
    else if (base.startsWith('.wh..wh.')) this.aufsMetadata.add(key(parts));
    else if (['', '.', '..'].includes(base.slice('.wh.'.length))) refuse(`is a whiteout for ${displayName(base.slice(4))}, which names no file`);
    else this.whiteouts.add(key(parts));
  }
}

function checkName(name: string, effective: string, refuse: Refuse): void {
  const as = name === effective ? '' : ` (read as ${displayName(name)})`;
  if (name.includes('\0')) refuse(`has a NUL byte in its name${as}`);
  if (name.length > maxNameBytes) refuse(`has a name of ${name.length} bytes${as}; berth allows at most ${maxNameBytes}`);
  if (name.startsWith('/')) refuse(`has an absolute name${as}`);
  if (components(name).includes('..')) refuse(`has a ".." component in its name${as}`);
}

function checkLength(target: string, what: string, refuse: Refuse): void {
  if (target.includes('\0')) refuse(`has a NUL byte in its ${what}`);
  if (target.length > maxNameBytes) refuse(`has a ${what} of ${target.length} bytes; berth allows at most ${maxNameBytes}`);
}

/** A path's components as the kernel walks them, without empty and "." ones. */
export function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

function key(parts: string[]): string {
  return parts.join('/');
}

/** Whether a symlink at `path` (inside the layer) reaches outside it while the layer is unpacked. */
function leadsOutside(path: string, target: string): boolean {
  if (target.startsWith('/')) return true;
  let depth = components(path).length - 1;
  for (const part of components(target)) {
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

function deviceNumbers(member: MemberHeader): string {
  return `${member.device?.major ?? '?'}:${member.device?.minor ?? '?'}`;
}
