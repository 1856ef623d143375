import { mkdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { CollectionLock } from './collection-lock.js';
import { exists, writeFileAtomic } from './files.js';
import { parseDigest, sha256Digest } from './digest.js';
import { removeUnreachable, type GarbageReport, type Reachable } from './gc.js';
import { ingestBlob, type BlobSource, type ExpectedBlob } from './ingest.js';
import { Leases, type Lease } from './leases.js';
import { createLayer, type LayerFiller } from './layers.js';
import { StoreLayout } from './layout.js';
import { BlobOrigins, type BlobOrigin } from './origins.js';
import { ImageRecords, type ImageRecord, type NamedImageRecord } from './records.js';
import { SingleFlight, type ProgressListener } from './single-flight.js';

/** How old a partial download, unfinished layer or dead process's lease must be before garbage collection removes it. */
const defaultStaleAfterMs = 24 * 60 * 60 * 1000;

/** What a store and the views its leases hand out share. */
interface StoreState {
  layout: StoreLayout;
  records: ImageRecords;
  origins: BlobOrigins;
  downloads: SingleFlight<string>;
  unpacks: SingleFlight<void>;
  /** Temporary paths being written right now, which garbage collection must leave alone. */
  busy: Set<string>;
  lock: CollectionLock;
  leases: Leases;
}

/**
 * The engine's content-addressed image store, after containerd's content store and Docker's
 * layer store. Blobs are named by digest and verified before they appear; layers are unpacked
 * once per ChainID; image records map references to manifests. Everything appears by rename, so
 * a process killed at any byte leaves nothing half-made visible, and the next run continues
 * (an interrupted download resumes from its partial file) or starts clean.
 *
 * The daemon owns a root and shares concurrent work within its process. Garbage collection is
 * safe beside work in progress in any process through leases (lease(), leases.ts).
 */
export class ContentStore implements AsyncDisposable {
  private readonly state: StoreState;
  /** Set on the views lease() returns: their methods add what they name to it. */
  private readonly held: Lease | undefined;

  /** `root` is e.g. /var/lib/berth/images; its directories are made here if missing. */
  constructor(root: string) {
    const layout = new StoreLayout(root);
    for (const directory of [join(layout.blobs, 'sha256'), layout.ingest, join(layout.layers, 'sha256'), layout.layerTemp, layout.refs, layout.origins, layout.leases]) {
      mkdirSync(directory, { recursive: true });
    }
    const lock = new CollectionLock(layout);
    this.state = {
      layout,
      records: new ImageRecords(layout),
      origins: new BlobOrigins(layout),
      downloads: new SingleFlight<string>(),
      unpacks: new SingleFlight<void>(),
      busy: new Set<string>(),
      lock,
      leases: new Leases(layout, lock),
    };
    this.held = undefined;
  }

  /**
   * This store under a new lease, for work that stores or relies on content before an image
   * record reaches it: every blob digest and ChainID the view's methods are given (has, readJson,
   * ingest, writeBytes, hasLayer, withLayerDirectory, tag, recordOrigin, origins) is kept from
   * garbage collection, in this process and any other, until the view is disposed (`await using`).
   * Paths from path() and diffPath() are safe to use once one of those methods named the content.
   */
  async lease(): Promise<ContentStore> {
    const lease = await this.state.leases.open();
    // A view shares this store's state, so it is made without the constructor, which would start a second store on the root.
    return Object.assign(Object.create(ContentStore.prototype) as ContentStore, { state: this.state, held: lease });
  }

  /** Releases a view's lease; disposing the store itself does nothing. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.held?.release();
  }

  async has(digest: string): Promise<boolean> {
    await this.hold(digest);
    return exists(this.state.layout.blob(digest));
  }

  /** blobs/<algorithm>/<hex>; the file exists only once its content was verified. */
  path(digest: string): string {
    return this.state.layout.blob(digest);
  }

  async readJson<T>(digest: string): Promise<T> {
    await this.hold(digest);
    let text: string;
    try {
      text = await readFile(this.state.layout.blob(digest), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new BerthError({
        code: 'BLOB_NOT_FOUND',
        kind: 'not-found',
        message: `blob ${digest} is not in the image store at ${this.state.layout.root}`,
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
   *
   * `signal` stops this caller's wait at once, with the signal's reason. The download itself stops
   * when every caller sharing it has stopped waiting (or once the only one has): `source` is given
   * a signal that aborts then, and the partial file is removed, since no one wants it any more.
   */
  async ingest(expected: ExpectedBlob, source: BlobSource, onProgress?: ProgressListener, signal?: AbortSignal): Promise<string> {
    await this.hold(expected.digest);
    const { layout, busy } = this.state;
    const partial = layout.partialBlob(expected.digest);
    return this.state.downloads.run(
      expected.digest,
      async (report, stopped) => {
        busy.add(partial);
        try {
          await mkdir(dirname(layout.blob(expected.digest)), { recursive: true });
          return await ingestBlob(layout, expected, source, report, stopped);
        } finally {
          busy.delete(partial);
        }
      },
      onProgress,
      signal,
    );
  }

  /** Stores bytes held in memory exactly as given (a manifest as received); resolves to their sha256 digest. */
  async writeBytes(bytes: Uint8Array): Promise<string> {
    const digest = sha256Digest(bytes);
    if (!(await this.has(digest))) await writeFileAtomic(this.state.layout.blob(digest), bytes, this.state.layout.ingest);
    return digest;
  }

  /** Stores `JSON.stringify(value)`, keys in the order given; resolves to its digest. */
  writeJson(value: unknown): Promise<string> {
    return this.writeBytes(Buffer.from(JSON.stringify(value)));
  }

  /** layers/<algorithm>/<chain hex>: holds diff/ (the files), diff-id, and parent (absent for the bottom layer). */
  layerPath(chainId: string): string {
    return this.state.layout.layer(chainId);
  }

  /** The layer's files, for an overlay lowerdir. */
  diffPath(chainId: string): string {
    return join(this.state.layout.layer(chainId), 'diff');
  }

  async hasLayer(chainId: string): Promise<boolean> {
    await this.hold(chainId);
    return exists(this.state.layout.layer(chainId));
  }

  /**
   * Makes the layer `chainId` if it is missing: `fill` unpacks into an empty directory that
   * becomes diff/, and the finished layer is renamed into place. If `fill` fails, nothing is
   * visible. Concurrent callers for one ChainID share one `fill`. `link` says which DiffID the
   * layer holds and which ChainID it sits on (as from layerChain()); it must agree with `chainId`.
   * `signal` stops this caller's wait; `fill` is given a signal that aborts once no caller waits,
   * and is to stop then (its unfinished directory is removed as for any failure).
   */
  async withLayerDirectory(chainId: string, fill: LayerFiller, link: { diffId: string; parent?: string }, signal?: AbortSignal): Promise<void> {
    await this.hold(chainId);
    const { layout, busy } = this.state;
    return this.state.unpacks.run(chainId, (_report, stopped) => createLayer(layout, { ...link, chainId }, (directory) => fill(directory, stopped), busy), undefined, signal);
  }

  /**
   * Notes that the blob `digest`, which the store does not hold, can be fetched from `origin`: a
   * pull calls it for a layer it found unpacked and so did not download, for a later push of the
   * image (see BlobOrigins). Nothing is noted when the store holds the blob.
   */
  async recordOrigin(digest: string, origin: BlobOrigin): Promise<void> {
    if (await this.has(digest)) return;
    await this.state.origins.record(digest, origin);
  }

  /** Where the blob `digest` can be fetched, newest first, as recordOrigin() noted it. */
  async origins(digest: string): Promise<BlobOrigin[]> {
    await this.hold(digest);
    return this.state.origins.list(digest);
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
    await this.state.records.set(reference, { manifestDigest, configDigest });
  }

  /** Forgets `reference`; false when there was no such record. Its content stays until garbage collection. */
  async untag(reference: string): Promise<boolean> {
    return this.state.records.delete(reference);
  }

  async resolve(reference: string): Promise<ImageRecord | undefined> {
    return this.state.records.get(reference);
  }

  /** Every record, sorted by reference. */
  async images(): Promise<NamedImageRecord[]> {
    return this.state.records.list();
  }

  /**
   * Removes the blobs, layers and origins lists that nothing reaches and no lease holds, and
   * partial downloads, unfinished layers and dead processes' leases older than `staleAfterMs` (a
   * day by default) that nothing is still writing. `reachable` lists what the image records reach
   * (their manifests, configs, layer blobs and ChainIDs); the records' own manifest and config
   * digests are kept whether it lists them or not. `reachable` must read through the store, not
   * through a lease's view (whose reads would wait for this collection): a view refuses to collect.
   *
   * Work holding a lease waits while a collection runs, at its next store call; collections run
   * one at a time, in this process and across processes.
   */
  collectGarbage(reachable: () => Promise<Reachable>, options: { staleAfterMs?: number } = {}): Promise<GarbageReport> {
    if (this.held !== undefined) {
      return Promise.reject(
        new BerthError({
          code: 'STORE_COLLECT_IN_LEASE',
          kind: 'internal',
          message: 'garbage collection was started from a leased view of the image store, whose own reads would wait for it',
          hint: 'collect garbage through the ContentStore itself, not the view lease() returned',
        }),
      );
    }
    const { layout, records, leases, busy } = this.state;
    return this.state.lock.run(async () => {
      const staleBefore = Date.now() - (options.staleAfterMs ?? defaultStaleAfterMs);
      // Leases first, records after: a lease released meanwhile was released after its tag (leases.ts).
      const { names, abandoned } = await leases.protectedNames(staleBefore);
      const wanted = await reachable();
      const blobs = new Set(wanted.blobs);
      for (const record of await records.list()) blobs.add(record.manifestDigest).add(record.configDigest);
      return removeUnreachable(layout, { blobs, layers: new Set(wanted.layers) }, { leased: names, busy, staleBefore, abandonedLeases: abandoned });
    });
  }

  private async hold(digest: string): Promise<void> {
    await this.held?.add(digest);
  }
}
