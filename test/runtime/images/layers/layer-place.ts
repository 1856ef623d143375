import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A temp dir holding an empty `layer/` to unpack into and a `sibling/` with a marker, removed after the test. */
export interface LayerPlace {
  base: string;
  layer: string;
}

export function layerPlace(): LayerPlace {
  const base = mkdtempSync(join(tmpdir(), 'berth-layer-'));
  made.push(base);
  mkdirSync(join(base, 'layer'));
  mkdirSync(join(base, 'sibling'));
  writeFileSync(join(base, 'sibling/marker'), 'untouched');
  return { base, layer: join(base, 'layer') };
}

/** Every path under `root` with its type, never following symlinks: "dir/", "file", "link ->". */
export function listTree(root: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(root, relative)).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const stats = lstatSync(join(root, path));
      found.push(stats.isDirectory() ? `${path}/` : stats.isSymbolicLink() ? `${path} ->` : path);
      if (stats.isDirectory()) walk(path);
    }
  };
  walk('');
  return found;
}

/** The bytes as a stream, in chunks of `chunkSize` (a whole archive in one chunk by default). */
export function streamOf(bytes: Buffer, chunkSize = bytes.length || 1): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return Readable.from(chunks);
}

export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
