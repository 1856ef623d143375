import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';

const roots: string[] = [];

afterEach(() => {
  while (roots.length > 0) rmSync(roots.pop()!, { recursive: true, force: true });
});

/** An empty store in a fresh directory, removed after the test. */
export function tempStore(): { store: ContentStore; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'berth-store-'));
  roots.push(root);
  return { store: new ContentStore(root), root };
}
