import { archiveInvalid } from './archive-errors.js';
import type { ArchiveMembers } from './archive-members.js';
import { diffIdsOf, type ImageConfigFile } from './image-config.js';
import { parseTagTarget } from './point-reference.js';
import type { ImageToStore } from './store-image.js';

/** One entry of a `docker save` manifest.json. */
interface ManifestItem {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

/**
 * The images of a `docker save` archive, from manifest.json: each entry names its configuration
 * and its layer tars by path (`<id>.json` and `<id>/layer.tar` from Docker before 25,
 * `blobs/sha256/<hex>` from Docker 25 and later), and its tags. Layers may be plain tars or
 * compressed; their DiffIDs are checked when they are unpacked.
 */
export async function dockerArchiveImages(members: ArchiveMembers): Promise<ImageToStore[]> {
  const items = await members.readJson('manifest.json', 'the archive');
  if (!Array.isArray(items) || !items.every(isManifestItem)) {
    throw archiveInvalid('manifest.json is not a list of {"Config": ..., "Layers": [...], "RepoTags": [...]} entries');
  }
  const images: ImageToStore[] = [];
  for (const [index, item] of items.entries()) {
    const subject = `image ${item.RepoTags?.[0] ?? `${index + 1}`} of manifest.json`;
    const config = await members.toStore(item.Config, 'manifest.json');
    const configFile = (await members.readJson(item.Config, 'manifest.json')) as ImageConfigFile;
    const layers = [];
    for (const layer of item.Layers) layers.push(await members.toStore(layer, 'manifest.json'));
    images.push({
      subject,
      config,
      diffIds: diffIdsOf(configFile, subject),
      layers,
      references: (item.RepoTags ?? []).map((tag) => parseTagTarget(tag, 'manifest.json tag')),
    });
  }
  return images;
}

function isManifestItem(value: unknown): value is ManifestItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((entry) => typeof entry === 'string');
  return typeof item.Config === 'string' && strings(item.Layers) && (item.RepoTags === undefined || item.RepoTags === null || strings(item.RepoTags));
}
