import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostPlatform } from '../../../../src/runtime/images/registry/index.js';

/**
 * Images small and unique enough that removing one really deletes its layer: a root filesystem
 * of one file with random content, as a tar (for `docker import`), or inside a `docker save`
 * archive with tags and labels of the test's choosing (for `docker load`).
 */
export function uniqueRootfs(): Buffer {
  return inScratch((directory) => {
    writeFileSync(join(directory, 'unique.txt'), randomBytes(2048).toString('hex'));
    return tar(directory, ['unique.txt']);
  });
}

export interface ArchivedImage {
  archive: Buffer;
  /** The image id, the digest of its configuration. */
  id: string;
  diffId: string;
}

export function dockerArchive(options: { tags: string[]; labels?: Record<string, string>; created?: string }): ArchivedImage {
  const layer = uniqueRootfs();
  const diffId = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
  const config = Buffer.from(
    JSON.stringify({
      ...hostPlatform(),
      created: options.created ?? new Date().toISOString(),
      config: { Cmd: ['/unique.txt'], Labels: options.labels ?? null },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created: options.created ?? new Date().toISOString(), created_by: 'tiny-images' }],
    }),
  );
  const archive = inScratch((directory) => {
    writeFileSync(join(directory, 'layer.tar'), layer);
    writeFileSync(join(directory, 'config.json'), config);
    writeFileSync(join(directory, 'manifest.json'), JSON.stringify([{ Config: 'config.json', RepoTags: options.tags, Layers: ['layer.tar'] }]));
    return tar(directory, ['manifest.json', 'config.json', 'layer.tar']);
  });
  return { archive, id: `sha256:${createHash('sha256').update(config).digest('hex')}`, diffId };
}

function tar(directory: string, members: string[]): Buffer {
  execFileSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', directory, '-cf', join(directory, 'out.tar'), ...members]);
  return readFileSync(join(directory, 'out.tar'));
}

function inScratch<T>(make: (directory: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'berth-tiny-'));
  try {
    return make(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
