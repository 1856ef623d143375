import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ReadEntry } from 'tar';
import { BerthError } from '../../../errors/index.js';
import { parseDigest, type BlobSource, type ContentStore } from '../store/index.js';
import { archiveInvalid, archiveRefused } from './archive-errors.js';
import { directoryOf, memberName, resolveWithin } from './member-names.js';
import { spool } from './spool.js';
import { tarEntries } from './tar-entries.js';

/** The most a JSON document of an archive (manifest.json, index.json, a manifest, a configuration) may hold. */
export const maxJsonSize = 8 * 1024 * 1024;
/** Links followed one after another before a chain counts as a loop. */
const maxLinkHops = 16;

/** Where a file member's bytes went: into the store under the digest its name gives, or to a scratch file. */
type Content =
  | { kind: 'blob'; digest: string; size: number }
  | { kind: 'file'; path: string; digest: string; size: number };

type Member = Content | { kind: 'link'; target: string };

/** Stored content, as an image needs it. */
export interface StoredContent {
  digest: string;
  size: number;
}

/**
 * The members of an image archive after one streaming read: `blobs/<algorithm>/<hex>` straight
 * into the store (verified against its name), every other file into the scratch directory with
 * its digest, links remembered by name. Directories are skipped; any other kind of member
 * (devices, FIFOs) is refused. The archive is read once, front to back, since `docker save` puts
 * manifest.json after the layers it names.
 */
export class ArchiveMembers {
  private readonly members = new Map<string, Member>();

  private constructor(private readonly store: ContentStore) {}

  static async read(store: ContentStore, input: Readable | AsyncIterable<Uint8Array>, scratch: string): Promise<ArchiveMembers> {
    const archive = new ArchiveMembers(store);
    let files = 0;
    for await (const entry of tarEntries(input)) {
      const name = memberName(entry.path);
      switch (entry.type) {
        case 'Directory':
        case 'GNUDumpDir':
          continue;
        case 'SymbolicLink':
          archive.members.set(name, { kind: 'link', target: resolveWithin(directoryOf(name), entry.linkpath ?? '', entry.path) });
          continue;
        case 'Link':
          archive.members.set(name, { kind: 'link', target: resolveWithin('', entry.linkpath ?? '', entry.path) });
          continue;
        case 'File':
        case 'OldFile':
        case 'ContiguousFile':
          break;
        default:
          throw archiveRefused(entry.path, `is a ${entry.type}; an image archive holds only files, directories and links`);
      }
      const digest = blobDigestOf(name);
      if (digest !== undefined) {
        await archive.ingest(entry, name, digest);
        archive.members.set(name, { kind: 'blob', digest, size: entry.size });
      } else {
        const path = join(scratch, String(files++));
        archive.members.set(name, { kind: 'file', path, ...(await spool(entry, path)) });
      }
    }
    return archive;
  }

  has(path: string): boolean {
    return this.members.has(path);
  }

  /** Puts the member `path` (as `owner` names it, relative to the archive's root) into the store. */
  async toStore(path: string, owner: string): Promise<StoredContent> {
    const content = this.resolve(path, owner);
    if (content.kind === 'file') {
      const { path: file, digest, size } = content;
      await this.store.ingest({ digest, size }, async (offset) => createReadStream(file, { start: offset }));
    }
    return { digest: content.digest, size: content.size };
  }

  /** Reads the member `path` as JSON, refusing more than maxJsonSize bytes. */
  async readJson(path: string, owner: string): Promise<unknown> {
    const content = this.resolve(path, owner);
    if (content.size > maxJsonSize) throw archiveRefused(path, `is ${content.size} bytes, more than the ${maxJsonSize} a JSON document of an image archive may hold`);
    const text = await readFile(content.kind === 'blob' ? this.store.path(content.digest) : content.path, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw archiveInvalid(`${path} is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }

  /** The content at `path`, links followed; `owner` names who asked, for the errors. */
  private resolve(path: string, owner: string): Content {
    let name = resolveWithin('', path, owner);
    for (let hop = 0; hop <= maxLinkHops; hop++) {
      const member = this.members.get(name);
      if (member === undefined) throw archiveInvalid(`${owner} names ${JSON.stringify(path)}, which the archive does not hold`);
      if (member.kind !== 'link') return member;
      name = member.target;
    }
    throw archiveRefused(path, `is a chain of more than ${maxLinkHops} links`);
  }

  /** Stores a `blobs/` member, checked against the digest its name gives. */
  private async ingest(entry: ReadEntry, name: string, digest: string): Promise<void> {
    let used = false;
    const source: BlobSource = async (offset) => {
      // The store asks again from 0 only when a resumed partial file did not match; a tar member cannot be read twice.
      if (used) throw archiveInvalid(`${name} could not be stored in one pass`, 'load the archive again');
      used = true;
      return skip(entry, offset);
    };
    try {
      await this.store.ingest({ digest, size: entry.size }, source);
    } catch (error) {
      if (!(error instanceof BerthError) || error.code !== 'BLOB_DIGEST_MISMATCH') throw error;
      if (entry.remain > 0) throw archiveInvalid(`the tar stream is damaged: it ends inside member ${JSON.stringify(name)}, ${entry.remain} bytes short`, 'write the archive again; it was cut short');
      throw archiveRefused(name, `does not hold the content its name says: ${error.message}`);
    }
  }
}

/** `blobs/sha256/<hex>` -> `sha256:<hex>`; undefined for any other name, or a malformed digest. */
function blobDigestOf(name: string): string | undefined {
  const parts = name.split('/');
  if (parts.length !== 3 || parts[0] !== 'blobs') return undefined;
  const digest = `${parts[1]}:${parts[2]}`;
  try {
    parseDigest(digest);
    return digest;
  } catch {
    return undefined;
  }
}

async function* skip(source: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
  let skipped = 0;
  for await (const chunk of source) {
    const take = Math.min(count - skipped, chunk.length);
    skipped += take;
    if (take < chunk.length) yield chunk.subarray(take);
  }
}
