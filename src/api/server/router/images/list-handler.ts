import type { ImageSummary } from '../../../types/images.js';
import type { ApiCall } from '../../http/route.js';
import { inspectImage, listImages, type ContentStore } from '../../../../runtime/images/index.js';
import { booleanFilter, checkFilterKeys, matchesLabels, referenceMatches } from './image-filters.js';
import type { ImagesBackend } from './index.js';

/** What API 1.41 lists beside the runtime's summary. */
interface ListedImage extends ImageSummary {
  SharedSize: number;
  VirtualSize: number;
}

const acceptedFilters = ['dangling', 'label', 'before', 'since', 'reference'];

/**
 * `GET /images/json` with dockerd's filters (daemon/images/images.go): `reference` patterns
 * (which also narrow RepoTags and RepoDigests to the names that match), `dangling=true|false`,
 * `label=key[=value]`, `before` and `since` an image (by creation time). The old `filter`
 * parameter is a reference pattern. Without `all`, an image without a name that is another's
 * parent (a build's intermediate step) is hidden, as dockerd hides it. An image without a name shows as `<none>:<none>` and `<none>@<none>`, as API
 * versions before 1.44 have it (berth speaks 1.41).
 */
export async function listHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const filters = call.query.filters();
  const legacy = call.query.string('filter');
  if (legacy) filters.reference = [...(filters.reference ?? []), legacy];
  checkFilterKeys(filters, acceptedFilters);
  const dangling = booleanFilter(filters, 'dangling');
  const before = await createdOf(backend.images, filters.before?.at(-1));
  const since = await createdOf(backend.images, filters.since?.at(-1));
  const patterns = filters.reference ?? [];
  const named = (text: string): boolean => patterns.length === 0 || patterns.some((pattern) => referenceMatches(pattern, text));

  const listed: ListedImage[] = [];
  const images = await listImages(backend.images);
  const parents = new Set(images.map((image) => image.ParentId).filter((id) => id !== ''));
  const all = call.query.bool('all');
  for (const image of images) {
    if (!all && parents.has(image.Id) && (image.RepoTags ?? []).length === 0) continue;
    if (before !== undefined || since !== undefined) {
      const created = (await createdOf(backend.images, image.Id))!;
      if ((before !== undefined && created >= before) || (since !== undefined && created <= since)) continue;
    }
    if (!matchesLabels(filters.label, image.Labels)) continue;
    let tags = (image.RepoTags ?? []).filter(named);
    let digests = (image.RepoDigests ?? []).filter(named);
    if (tags.length === 0 && digests.length === 0) {
      if (dangling === false || patterns.length > 0) continue;
      [tags, digests] = [['<none>:<none>'], ['<none>@<none>']];
    } else if (dangling === true && tags.length > 0) {
      continue;
    }
    listed.push({ ...image, RepoTags: tags, RepoDigests: digests, SharedSize: -1, VirtualSize: image.Size });
  }
  call.sendJson(listed);
}

/** An image's creation time in milliseconds, from inspect's timestamp (the list has whole seconds only). */
async function createdOf(store: ContentStore, name: string | undefined): Promise<number | undefined> {
  if (name === undefined) return undefined;
  return Date.parse((await inspectImage(store, name)).Created);
}
