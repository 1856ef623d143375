import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { exists, syncDirectory } from './files.js';
import { chainIdOf, type LayerLink } from './chain.js';
import { parseDigest } from './digest.js';
import { StoreLayout } from './layout.js';

/** Fills an empty directory with a layer's files; it becomes the layer's `diff/`. It stops when `signal` aborts: no one waits for the layer any more. */
export type LayerFiller = (diffDirectory: string, signal: AbortSignal) => Promise<void>;

/**
 * Unpacks a layer into a private directory under `layers/tmp/` and renames the whole directory
 * into `layers/<algorithm>/<chain hex>/` only once it is complete, so a visible layer directory
 * is always a whole one. `busy` holds the temporary directory while it is in use, so garbage
 * collection leaves it alone.
 */
export async function createLayer(layout: StoreLayout, link: LayerLink, fill: (diffDirectory: string) => Promise<void>, busy: Set<string>): Promise<void> {
  checkLink(link);
  const target = layout.layer(link.chainId);
  if (await exists(target)) return;
  const temporary = join(layout.layerTemp, StoreLayout.temporaryName(parseDigest(link.chainId).hex));
  busy.add(temporary);
  try {
    await mkdir(join(temporary, 'diff'), { recursive: true });
    await fill(join(temporary, 'diff'));
    await writeSynced(join(temporary, 'diff-id'), link.diffId);
    if (link.parent !== undefined) await writeSynced(join(temporary, 'parent'), link.parent);
    await syncDirectory(temporary);
    await mkdir(dirname(target), { recursive: true });
    await moveIntoPlace(temporary, target);
  } finally {
    await rm(temporary, { recursive: true, force: true });
    busy.delete(temporary);
  }
}

/** Renames the finished directory into place; another process that got there first wins. */
async function moveIntoPlace(temporary: string, target: string): Promise<void> {
  try {
    await rename(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await exists(target))) return;
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** A layer filed under the wrong ChainID would be shared with images it does not belong to. */
function checkLink(link: LayerLink): void {
  const computed = chainIdOf(link.diffId, link.parent);
  if (computed === link.chainId) return;
  throw new BerthError({
    code: 'LAYER_CHAIN_MISMATCH',
    kind: 'internal',
    message: `layer ${link.diffId} on ${link.parent ?? 'nothing'} has ChainID ${computed}, not ${link.chainId}`,
    hint: 'compute ChainIDs with chainIds() or layerChain() from the image config\'s rootfs.diff_ids',
  });
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
