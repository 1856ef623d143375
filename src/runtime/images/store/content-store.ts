import { mkdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { exists, writeFileAtomic } from './files.js';
import { parseDigest, sha256Digest } from './digest.js';
import { removeUnreachable, type GarbageReport, type Reachable } from './gc.js';
import { ingestBlob, type BlobSource, type ExpectedBlob } from './ingest.js';
import { createLayer, type LayerFiller } from './layers.js';
import { StoreLayout } from './layout.js';
import { ImageRecords, type ImageRecord, type NamedImageRecord } from './records.js';
import { SingleFlight, type ProgressListener } from './single-flight.js';

/** How old a partial download or unfinished layer must be before garbage collection removes it. */
const defaultStaleAfterMs = 24 * 60 * 60 * 1000;

/**
 * The engine's content-addressed image store, after containerd's content store and Docker's
 * layer store. Blobs are named by digest and verified before they appear; layers are unpacked
 * once per ChainID; image records map references to manifests. Everything appears by rename, so
 * a process killed at any byte leaves nothing half-made visible, and the next run continues
 * (an interrupted download resumes from its partial file) or starts clean.
 *
 * One process owns a root at a time (the daemon holds the state directory): sharing of
 * concurrent work is per process.
 */
export class ContentStore {
  private readonly layout: StoreLayout;
  private readonly records: ImageRecords;
  private readonly downloads = new SingleFlight<string>();
  private readonly unpacks = new SingleFlight<void>();
  /** Temporary paths being written right now, which garbage collection must leave alone. */
  private readonly busy = new Set<string>();
  private collecting: Promise<unknown> = Promise.resolve();

  /** `root` is e.g. /var/lib/berth/images; its directories are made here if missing. */
  constructor(root: string) {
    this.layout = new StoreLayout(root);
    for (const directory of [join(this.layout.blobs, 'sha256'), this.layout.ingest, join(this.layout.layers, 'sha256'), this.layout.layerTemp, this.layout.refs]) {
      mkdirSync(directory, { recursive: true });
    }
    this.records = new ImageRecords(this.layout);
  }

  async has(digest: string): Promise<boolean> {
    return exists(this.layout.blob(digest));
  }

  /** blobs/<algorithm>/<hex>; the file exists only once its content was verified. */
  path(digest: string): string {
    return this.layout.blob(digest);
  }

  async readJson<T>(digest: string): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.layout.blob(digest), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new BerthError({
        code: 'BLOB_NOT_FOUND',
        kind: 'not-found',
        message: `blob ${digest} is not in the image store at ${this.layout.root}`,
        hint: 'pull the image that contains it again',
        cause: error,
      });
    }
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new BerthError({
        code: 'BLOB_NOT_JSON',
        kind: 'internal',
        message: `blob ${digest} is not a JSON document: ${cause instanceof Error ? cause.message : String(cause)}`,
        hint: 'the manifest or index that points at it names a layer where it should name a manifest or config; check the image',
        cause,
      });
    }
  }

  /**
   * Stores the blob `expected` describes, reading it from `source` while hashing it; resolves to
   * its path under blobs/. Nothing becomes visible unless size and digest match (BerthError
   * BLOB_DIGEST_MISMATCH names both). When `source` fails, the partial file under ingest/ stays,
   * and the next call for the digest asks `source` for the rest from that offset. Concurrent calls
   * for one digest share one download; each caller's `onProgress` hears the bytes stored so far
   * (cumulative, counting any resumed part). A blob already present returns at once.
   */
  async ingest(expected: ExpectedBlob, source: BlobSource, onProgress?: ProgressListener): Promise<string> {
    const partial = this.layout.partialBlob(expected.digest);
    return this.downloads.run(
      expected.digest,
      async (report) => {
        this.busy.add(partial);
        try {
          await mkdir(dirname(this.layout.blob(expected.digest)), { recursive: true });
          return await ingestBlob(this.layout, expected, source, report);
        } finally {
          this.busy.delete(partial);
        }
      },
      onProgress,
    );
  }

  /** Stores bytes held in memory exactly as given (a manifest as received); resolves to their sha256 digest. */
  async writeBytes(bytes: Uint8Array): Promise<string> {
    const digest = sha256Digest(bytes);
    if (!(await this.has(digest))) await writeFileAtomic(this.layout.blob(digest), bytes, this.layout.ingest);
    return digest;
  }

  /** Stores `JSON.stringify(value)`, keys in the order given; resolves to its digest. */
  writeJson(value: unknown): Promise<string> {
    return this.writeBytes(Buffer.from(JSON.stringify(value)));
  }

  /** layers/<algorithm>/<chain hex>: holds diff/ (the files), diff-id, and parent (absent for the bottom layer). */
  layerPath(chainId: string): string {
    return this.layout.layer(chainId);
  }

  /** The layer's files, for an overlay lowerdir. */
  diffPath(chainId: string): string {
    return join(this.layout.layer(chainId), 'diff');
  }

  async hasLayer(chainId: string): Promise<boolean> {
    return exists(this.layout.layer(chainId));
  }

  /**
   * Makes the layer `chainId` if it is missing: `fill` unpacks into an empty directory that
   * becomes diff/, and the finished layer is renamed into place. If `fill` fails, nothing is
   * visible. Concurrent callers for one ChainID share one `fill`. `link` says which DiffID the
   * layer holds and which ChainID it sits on (as from layerChain()); it must agree with `chainId`.
   */
  async withLayerDirectory(chainId: string, fill: LayerFiller, link: { diffId: string; parent?: string }): Promise<void> {
    return this.unpacks.run(chainId, () => createLayer(this.layout, { ...link, chainId }, fill, this.busy));
  }

  /** Points `reference` (normalized by the caller, e.g. docker.io/library/busybox:latest) at an image whose manifest and config are stored. */
  async tag(reference: string, manifestDigest: string, configDigest: string): Promise<void> {
    if (reference.trim() === '') {
      throw new BerthError({ code: 'INVALID_REFERENCE', kind: 'usage', message: 'an image reference cannot be empty', hint: 'name the image, as in busybox:latest' });
    }
    for (const digest of [manifestDigest, configDigest]) {
      parseDigest(digest);
      if (await this.has(digest)) continue;
      throw new BerthError({
        code: 'IMAGE_CONTENT_MISSING',
        kind: 'not-found',
        message: `cannot tag ${reference}: blob ${digest} is not in the image store`,
        hint: 'store the manifest and config before tagging the image',
      });
    }
    await this.records.set(reference, { manifestDigest, configDigest });
  }

  /** Forgets `reference`; false when there was no such record. Its content stays until garbage collection. */
  async untag(reference: string): Promise<boolean> {
    return this.records.delete(reference);
  }

  async resolve(reference: string): Promise<ImageRecord | undefined> {
    return this.records.get(reference);
  }

  /** Every record, sorted by reference. */
  async images(): Promise<NamedImageRecord[]> {
    return this.records.list();
  }

  /**
   * Removes the blobs and layers that nothing reaches, and partial downloads and unfinished layers
   * older than `staleAfterMs` (a day by default) that this process is not writing. `reachable`
   * lists what the image records reach (their manifests, configs, layer blobs and ChainIDs); the
   * records' own manifest and config digests are kept whether it lists them or not.
   *
   * Run it when no pull is between storing content and tagging it: such content is not reachable
   * yet, and would be removed.
   */
  collectGarbage(reachable: () => Promise<Reachable>, options: { staleAfterMs?: number } = {}): Promise<GarbageReport> {
    const run = this.collecting.then(async () => {
      const wanted = await reachable();
      const blobs = new Set(wanted.blobs);
      for (const record of await this.records.list()) blobs.add(record.manifestDigest).add(record.configDigest);
      const staleBefore = Date.now() - (options.staleAfterMs ?? defaultStaleAfterMs);
      return removeUnreachable(this.layout, { blobs, layers: new Set(wanted.layers) }, this.busy, staleBefore);
    });
    this.collecting = run.catch(() => undefined);
    return run;
  }
}
