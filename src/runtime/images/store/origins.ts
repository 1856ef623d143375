import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { writeFileAtomic } from './files.js';
import type { StoreLayout } from './layout.js';

/** A repository a blob can be fetched from, as an image reference names it. */
export interface BlobOrigin {
  /** `docker.io`, `ghcr.io`, `127.0.0.1:5000`: an image reference's domain. */
  domain: string;
  /** `library/busybox` */
  repository: string;
}

/**
 * Where the layer blobs the store does not hold can be fetched: Docker's "v2 metadata". A pull
 * finds a layer already unpacked (same DiffID, from another image) and skips its download, so
 * the store lacks that image's compressed blob; a push of the image needs it, and fetches or
 * mounts it from here. One JSON list per digest under origins/, newest first, each origin once.
 * Changes within this process are queued; two processes noting origins for one digest at once
 * may lose one of them, which costs only a fallback.
 */
export class BlobOrigins {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly layout: StoreLayout) {}

  async list(digest: string): Promise<BlobOrigin[]> {
    const path = this.layout.origin(digest);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const origins = parseOrigins(text);
    if (origins !== undefined) return origins;
    throw new BerthError({
      code: 'BLOB_ORIGINS_CORRUPT',
      kind: 'internal',
      message: `the origins of blob ${digest} at ${path} are not a list of {"domain", "repository"}`,
      hint: 'berth only ever replaces this file whole, so something else changed it; remove it and pull the image again',
    });
  }

  record(digest: string, origin: BlobOrigin): Promise<void> {
    const next = this.queue.then(async () => {
      const known = await this.list(digest);
      const first = known[0];
      if (first?.domain === origin.domain && first.repository === origin.repository) return;
      const origins = [origin, ...known.filter((other) => other.domain !== origin.domain || other.repository !== origin.repository)];
      const path = this.layout.origin(digest);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, Buffer.from(`${JSON.stringify(origins.map(({ domain, repository }) => ({ domain, repository })))}\n`), this.layout.ingest);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parseOrigins(text: string): BlobOrigin[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(json)) return undefined;
  const origins: BlobOrigin[] = [];
  for (const entry of json as unknown[]) {
    const { domain, repository } = (entry ?? {}) as Partial<BlobOrigin>;
    if (typeof domain !== 'string' || typeof repository !== 'string') return undefined;
    origins.push({ domain, repository });
  }
  return origins;
}
