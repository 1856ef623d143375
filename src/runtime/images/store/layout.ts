import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseDigest } from './digest.js';

/**
 * Where everything lives under the store's root. Temporary files and directories sit on the same
 * filesystem as their final place, so each becomes visible by one rename.
 *
 *   blobs/<algorithm>/<hex>          verified content, named by its digest
 *   ingest/<algorithm>-<hex>         a download in progress, kept across failures (not aborts) so it can resume
 *   ingest/write.<pid>.<random>.tmp  a small write in progress (writeBytes, the image records)
 *   layers/<algorithm>/<chain hex>/  an unpacked layer: diff/, diff-id, parent
 *   layers/tmp/                      layers being unpacked, or being removed
 *   refs/images.json                 image records: reference -> manifest and config digests
 *   origins/<algorithm>/<hex>        where a layer blob the store does not hold can be fetched
 *   leases/<holder>.<random>/<name>  what an operation in progress relies on (leases.ts)
 *   collect.lock                     the holder of a garbage collection in progress
 *
 * A digest's `<name>` in ingest/ and leases/ is `<algorithm>-<hex>` (entryName).
 */
export class StoreLayout {
  readonly blobs: string;
  readonly ingest: string;
  readonly layers: string;
  readonly layerTemp: string;
  readonly refs: string;
  readonly records: string;
  readonly origins: string;
  readonly leases: string;
  readonly collectLock: string;

  constructor(readonly root: string) {
    this.blobs = join(root, 'blobs');
    this.ingest = join(root, 'ingest');
    this.layers = join(root, 'layers');
    this.layerTemp = join(this.layers, 'tmp');
    this.refs = join(root, 'refs');
    this.records = join(this.refs, 'images.json');
    this.origins = join(root, 'origins');
    this.leases = join(root, 'leases');
    this.collectLock = join(root, 'collect.lock');
  }

  blob(digest: string): string {
    const { algorithm, hex } = parseDigest(digest);
    return join(this.blobs, algorithm, hex);
  }

  partialBlob(digest: string): string {
    return join(this.ingest, StoreLayout.entryName(digest));
  }

  origin(digest: string): string {
    const { algorithm, hex } = parseDigest(digest);
    return join(this.origins, algorithm, hex);
  }

  layer(chainId: string): string {
    const { algorithm, hex } = parseDigest(chainId);
    return join(this.layers, algorithm, hex);
  }

  /** `<algorithm>-<hex>`: a digest as one file name. */
  static entryName(digest: string): string {
    const { algorithm, hex } = parseDigest(digest);
    return `${algorithm}-${hex}`;
  }

  /** A name for a temporary file or directory, unique within and across processes. */
  static temporaryName(prefix: string): string {
    return `${prefix}.${process.pid}.${randomBytes(6).toString('hex')}`;
  }
}
