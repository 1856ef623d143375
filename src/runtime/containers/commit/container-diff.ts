import { existsSync } from 'node:fs';
import { layerTar } from './layer-tar.js';
import { lowerLookup } from './lower-layers.js';
import { pruneMountPointParents } from './prune-directories.js';
import { emptyLayerDiffId, spoolLayer } from './spool-layer.js';
import type { SpooledLayer } from './store-committed-image.js';
import { scanUpper } from './upper-scan.js';
import { readXattrs } from './upper-xattrs.js';

/**
 * A container's changes as one layer tar in the file `path`: its overlay upper directory
 * `upper` read (upper-scan.ts), the directories only runc's mount points put there pruned against
 * the image's unpacked `layers` (bottom first), `alsoLeftOut` left out as the init layer's paths are, and written as Docker writes a layer (layer-tar.ts).
 * Undefined when nothing changed: the tar would be empty, which Docker commits as an empty layer.
 */
export async function diffContainer(upper: string, layers: readonly string[], path: string, alsoLeftOut?: ReadonlySet<string>): Promise<SpooledLayer | undefined> {
  // A container never started has no writable layer yet: it changed nothing.
  if (!existsSync(upper)) return undefined;
  const entries = await pruneMountPointParents(await scanUpper(upper, await readXattrs(upper), alsoLeftOut), lowerLookup(layers));
  const spooled = await spoolLayer(layerTar(upper, entries), path);
  return spooled.diffId === emptyLayerDiffId ? undefined : spooled;
}
