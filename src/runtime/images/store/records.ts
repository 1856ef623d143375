import { readFile } from 'node:fs/promises';
import { BerthError } from '../../../errors/index.js';
import { writeFileAtomic } from './files.js';
import { parseDigest } from './digest.js';
import type { StoreLayout } from './layout.js';

/** What a reference names: the manifest it was pulled as, and the image (its config digest is the image id). */
export interface ImageRecord {
  manifestDigest: string;
  configDigest: string;
}

export interface NamedImageRecord extends ImageRecord {
  reference: string;
}

interface RecordsFile {
  schemaVersion: 1;
  images: Record<string, ImageRecord>;
}

/**
 * The image records, one JSON file rewritten whole by rename, so a reader never sees half of it.
 * Changes within this process go through one queue, so two tags at once cannot lose each other.
 */
export class ImageRecords {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly layout: StoreLayout) {}

  async list(): Promise<NamedImageRecord[]> {
    const images = await this.read();
    return sortedEntries(images).map(([reference, record]) => ({ reference, ...record }));
  }

  async get(reference: string): Promise<ImageRecord | undefined> {
    return (await this.read()).get(reference);
  }

  set(reference: string, record: ImageRecord): Promise<void> {
    return this.change((images) => {
      images.set(reference, record);
      return true;
    }).then(() => undefined);
  }

  delete(reference: string): Promise<boolean> {
    return this.change((images) => images.delete(reference));
  }

  /** Applies `edit` to the current records and writes them back when it says something changed. */
  private change(edit: (images: Map<string, ImageRecord>) => boolean): Promise<boolean> {
    const next = this.queue.then(async () => {
      const images = await this.read();
      if (!edit(images)) return false;
      await this.write(images);
      return true;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Map<string, ImageRecord>> {
    let text: string;
    try {
      text = await readFile(this.layout.records, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    try {
      return parseRecords(text);
    } catch (cause) {
      throw new BerthError({
        code: 'IMAGE_RECORDS_CORRUPT',
        kind: 'internal',
        message: `the image records at ${this.layout.records} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
        hint: 'berth only ever replaces this file whole, so it was changed by something else; restore it, or remove it and pull the images again',
        cause,
      });
    }
  }

  private async write(images: Map<string, ImageRecord>): Promise<void> {
    const file: RecordsFile = {
      schemaVersion: 1,
      images: Object.fromEntries(sortedEntries(images).map(([reference, { manifestDigest, configDigest }]) => [reference, { manifestDigest, configDigest }])),
    };
    // The temporary file goes to ingest/, where garbage collection finds it if a kill strands it.
    await writeFileAtomic(this.layout.records, Buffer.from(`${JSON.stringify(file, null, 2)}\n`), this.layout.ingest);
  }
}

/** By reference, so listings and the file itself come out the same way every time. */
function sortedEntries(images: Map<string, ImageRecord>): Array<[string, ImageRecord]> {
  return [...images.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseRecords(text: string): Map<string, ImageRecord> {
  const file = JSON.parse(text) as Partial<RecordsFile> | null;
  if (file?.schemaVersion !== 1 || typeof file.images !== 'object' || file.images === null) {
    throw new Error('expected {"schemaVersion": 1, "images": {...}}');
  }
  const images = new Map<string, ImageRecord>();
  for (const [reference, record] of Object.entries(file.images)) {
    if (typeof record?.manifestDigest !== 'string' || typeof record.configDigest !== 'string') {
      throw new Error(`the record for "${reference}" lacks manifestDigest or configDigest`);
    }
    parseDigest(record.manifestDigest);
    parseDigest(record.configDigest);
    images.set(reference, { manifestDigest: record.manifestDigest, configDigest: record.configDigest });
  }
  return images;
}
