import { findImage } from '../../runtime/images/operations/index.js';
import { cacheKey } from './layer-cache.js';
import { shortImageId } from './step-output.js';
import type { BuildContext } from './stage-context.js';

export interface StepResult {
  imageId: string;
  cached: boolean;
}

/**
 * A step through the layer cache: its key is the parent image (`parentId`) with `parts` (the instruction as
 * expanded and what it reads), and a hit whose image is still in the store is reused with
 * Docker's ` ---> Using cache` line. Otherwise `run` makes the image and the key is recorded.
 * `--no-cache` skips the lookup but still records, as Docker's builder does.
 */
export async function cachedStep(context: BuildContext, parentId: string, parts: unknown, run: () => Promise<string>): Promise<StepResult> {
  const key = cacheKey([parentId, parts]);
  if (!context.request.noCache) {
    const hit = await context.cache.lookup(key);
    if (hit !== undefined && (await present(context, hit))) {
      context.output.write(' ---> Using cache\n');
      context.output.write(` ---> ${shortImageId(hit)}\n`);
      return { imageId: hit, cached: true };
    }
  }
  const imageId = await run();
  await context.cache.record(key, imageId);
  context.output.write(` ---> ${shortImageId(imageId)}\n`);
  return { imageId, cached: false };
}

async function present(context: BuildContext, id: string): Promise<boolean> {
  return findImage(context.store, id).then(
    (found) => found.image.id === id,
    () => false,
  );
}
