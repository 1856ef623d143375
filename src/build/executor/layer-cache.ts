import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The builder's layer cache: which image a step made, by the step's key (cacheKey). It lives in
 * files under the daemon's data root, one per key, so it outlives the daemon; each file is
 * written whole (a temporary file renamed), so a kill leaves either the old entry or the new.
 * An entry whose image has since been removed is a miss: the caller checks the image is there.
 */
export class LayerCache {
  constructor(private readonly root: string) {}

  async lookup(key: string): Promise<string | undefined> {
    const text = await readFile(this.entry(key), 'utf8').catch(() => undefined);
    return text !== undefined && /^sha256:[0-9a-f]{64}$/.test(text) ? text : undefined;
  }

  async record(key: string, imageId: string): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const temporary = join(this.root, `.${key}.${randomBytes(4).toString('hex')}`);
    await writeFile(temporary, imageId);
    await rename(temporary, this.entry(key));
  }

  /** Forgets every entry; returns the image ids they named, for the caller to remove. */
  async clear(): Promise<string[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const ids = new Set<string>();
    for (const name of names) {
      const path = join(this.root, name);
      const text = await readFile(path, 'utf8').catch(() => '');
      if (/^sha256:[0-9a-f]{64}$/.test(text)) ids.add(text);
      await rm(path, { force: true });
    }
    return [...ids];
  }

  private entry(key: string): string {
    return join(this.root, key);
  }
}

/** A step's cache key: the sha256 of its parts (the parent image, the instruction, what it reads). */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
