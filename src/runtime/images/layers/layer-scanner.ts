import { displayName, layerRefused, layerTruncated } from './layer-errors.js';
import { MemberPolicy, type LayerMarkers, type MemberHeader } from './member-policy.js';
import { parsePaxRecords } from './pax-records.js';
import { blockSize, decodeHeader, MalformedHeader, paddedSize, type TarHeader } from './tar-header.js';

/**
 * Reads a layer's tar stream on its way to GNU tar and decides, chunk by chunk, what GNU tar may
 * see. `write` checks every header that ends in the chunk and throws LAYER_REFUSED at the first
 * bad one; the caller hands the chunk on only when `write` returns, so GNU tar never receives a
 * refused header whole. Bodies are skipped without a look, which is why the framing (where each
 * header starts) follows GNU tar's exactly: see tar-header.ts and member-policy.ts.
 *
 * GNU tar stops at the first zero block; so does the scanner, which then hands on a second zero
 * block to make a clean end and swallows whatever follows (record padding, usually). A stream
 * that ends between members without end blocks gets them too, so an empty stream is an empty
 * layer.
 */

/** Extended headers (pax, GNU long names) before one member, together; GNU tar has no limit. */
export const maxExtendedHeaderBytes = 1024 * 1024;

const endBlocks = Buffer.alloc(2 * blockSize);
const metaKinds: Record<string, string> = { x: 'pax header', g: 'global pax header', L: 'GNU long-name header', K: 'GNU long-link header' };

/** Extended headers read since the last member, which apply to the next one. */
interface Pending {
  names: string[];
  linkNames: string[];
  longName?: string;
  longLink?: string;
  /** GNU tar keeps only the last pax header before a member, so a new one replaces this. */
  pax?: { path?: string; linkpath?: string; size?: number };
  bytes: number;
}

type State =
  | { kind: 'header' }
  | { kind: 'body'; remaining: number }
  | { kind: 'extended'; typeflag: string; position: number; size: number; remaining: number; parts: Buffer[] }
  | { kind: 'ended' };

export class LayerScanner {
  private state: State = { kind: 'header' };
  private readonly block = Buffer.alloc(blockSize);
  private blockFill = 0;
  /** Bytes of the stream read so far, to say where a bad header sits. */
  private position = 0;
  private pending: Pending = { names: [], linkNames: [], bytes: 0 };
  private lastMember = '';
  private readonly policy: MemberPolicy;

  constructor(private readonly digest: string) {
    this.policy = new MemberPolicy(digest);
  }

  get markers(): LayerMarkers {
    return this.policy.markers;
  }

  /** Checks a chunk; returns the bytes GNU tar may read (all of it, until the archive ends). */
  write(chunk: Buffer): Buffer {
    let at = 0;
    while (at < chunk.length) {
      const state = this.state;
      if (state.kind === 'ended') return Buffer.alloc(0);
      if (state.kind === 'header') {
        const take = Math.min(blockSize - this.blockFill, chunk.length - at);
        chunk.copy(this.block, this.blockFill, at, at + take);
        this.blockFill += take;
        at += take;
        this.position += take;
        if (this.blockFill === blockSize) {
          this.blockFill = 0;
          if (this.readHeader(this.position - blockSize)) {
            this.state = { kind: 'ended' };
            return Buffer.concat([chunk.subarray(0, at), endBlocks.subarray(blockSize)]);
          }
        }
        continue;
      }
      const take = Math.min(state.remaining, chunk.length - at);
      if (state.kind === 'extended') {
        const consumed = paddedSize(state.size) - state.remaining;
        const wanted = Math.min(take, Math.max(0, state.size - consumed));
        if (wanted > 0) state.parts.push(Buffer.from(chunk.subarray(at, at + wanted)));
      }
      state.remaining -= take;
      at += take;
      this.position += take;
      if (state.remaining === 0) {
        if (state.kind === 'extended') this.readExtended(state.typeflag, Buffer.concat(state.parts), state.position);
        this.state = { kind: 'header' };
      }
    }
    return chunk;
  }

  /** Call at the end of the stream: throws LAYER_TRUNCATED inside a member, else returns end blocks if still owed. */
  end(): Buffer {
    const state = this.state;
    if (state.kind === 'ended') return Buffer.alloc(0);
    if (state.kind === 'header' && this.blockFill === 0) {
      this.state = { kind: 'ended' };
      return endBlocks;
    }
    if (state.kind === 'body') throw layerTruncated(this.digest, `inside member ${displayName(this.lastMember)}`);
    if (state.kind === 'extended') throw layerTruncated(this.digest, `inside the ${metaKinds[state.typeflag]} at byte ${state.position}`);
    throw layerTruncated(this.digest, `inside the tar header at byte ${this.position - this.blockFill}`);
  }

  /** Returns true at the end of the archive. */
  private readHeader(position: number): boolean {
    let header: TarHeader | undefined;
    try {
      header = decodeHeader(this.block);
    } catch (error) {
      if (error instanceof MalformedHeader) throw layerRefused(this.digest, `the tar header at byte ${position}`, error.message);
      throw error;
    }
    if (header === undefined) return true;
    const metaKind = metaKinds[header.typeflag];
    if (metaKind !== undefined) {
      this.pending.bytes += header.size;
      if (this.pending.bytes > maxExtendedHeaderBytes) {
        throw layerRefused(
          this.digest,
          `the ${metaKind} at byte ${position}`,
          `brings the extended headers of one member to ${this.pending.bytes} bytes; berth allows at most ${maxExtendedHeaderBytes}`,
        );
      }
      if (header.size === 0) this.readExtended(header.typeflag, Buffer.alloc(0), position);
      else this.state = { kind: 'extended', typeflag: header.typeflag, position, size: header.size, remaining: paddedSize(header.size), parts: [] };
      return false;
    }
    const member = this.assemble(header);
    const bodySize = this.policy.admit(member);
    this.pending = { names: [], linkNames: [], bytes: 0 };
    this.lastMember = member.name;
    if (bodySize > 0) this.state = { kind: 'body', remaining: paddedSize(bodySize) };
    return false;
  }

  private assemble(header: TarHeader): MemberHeader {
    const { pending } = this;
    const member: MemberHeader = {
      typeflag: header.typeflag,
      name: pending.pax?.path ?? pending.longName ?? header.name,
      names: [header.name, ...pending.names],
      linkName: pending.pax?.linkpath ?? pending.longLink ?? header.linkName,
      linkNames: [header.linkName, ...pending.linkNames],
      headerSize: header.size,
      paxSize: pending.pax?.size,
    };
    if (header.device) member.device = header.device;
    return member;
  }

  private readExtended(typeflag: string, body: Buffer, position: number): void {
    const refuse = (reason: string): never => {
      throw layerRefused(this.digest, `the ${metaKinds[typeflag] ?? 'extended header'} at byte ${position}`, reason);
    };
    if (typeflag === 'L' || typeflag === 'K') {
      // GNU tar takes a long name as a C string: up to the first NUL.
      const end = body.indexOf(0);
      const value = body.subarray(0, end === -1 ? body.length : end).toString('latin1');
      if (typeflag === 'L') this.pending.names.push((this.pending.longName = value));
      else this.pending.linkNames.push((this.pending.longLink = value));
      return;
    }
    let records: Array<[string, string]> = [];
    try {
      records = parsePaxRecords(body);
    } catch (error) {
      if (error instanceof MalformedHeader) refuse(error.message);
      throw error;
    }
    const pax: NonNullable<Pending['pax']> = {};
    for (const [name, value] of records) {
      if (name.startsWith('GNU.')) refuse(`uses GNU tar's ${name} record (sparse files, multi-volume archives, incremental dumps), which image layers do not use`);
      if (typeflag === 'g') {
        if (name === 'path' || name === 'linkpath' || name === 'size') refuse(`sets ${name} for every member that follows`);
        continue;
      }
      if (name === 'path') this.pending.names.push((pax.path = value));
      if (name === 'linkpath') this.pending.linkNames.push((pax.linkpath = value));
      if (name === 'size') {
        if (!/^[0-9]{1,15}$/.test(value)) refuse(`has a size record that is not a decimal number: ${displayName(value)}`);
        pax.size = Number(value);
      }
    }
    if (typeflag === 'x') this.pending.pax = pax;
  }
}
