import type { ImageSummary } from '../../../api/types/images.js';
import type { ContentStore } from '../store/index.js';
import { unixSeconds } from './docker-time.js';
import { compare, repoDigests, repoTags } from './image-catalog.js';
import { storedLineage } from './image-parents.js';
import { imageSize } from './layer-size.js';

/**
 * `GET /images/json`: one summary per image, newest first (Docker's order; equal times by id).
 * `ParentId` is the image it was built or committed on (imageParents).
 * `Size` is the sum of the unpacked layers' sizes (see layerSize), as Docker reports it.
 * `Containers` is -1, Docker's "not counted", until the container side can count them.
 * An untagged image has empty `RepoTags` and `RepoDigests`, as Docker's API 1.44 and later
 * give it; older API versions show `<none>:<none>` and `<none>@<none>`, which is for the API
 * layer to write.
 */
export async function listImages(store: ContentStore): Promise<ImageSummary[]> {
  const { images, configs, parents } = await storedLineage(store);
  const summaries = await Promise.all(
    images.map(async (image): Promise<ImageSummary> => {
      const config = configs.get(image.id)!;
      return {
        Id: image.id,
        ParentId: parents.get(image.id) ?? '',
        RepoTags: repoTags(image),
        RepoDigests: repoDigests(image),
        Created: unixSeconds(config.created),
        Size: await imageSize(store, config.diffIds, `image ${image.id}`),
        Labels: labelsOf(config.config),
        Containers: -1,
      };
    }),
  );
  return summaries.sort((a, b) => b.Created - a.Created || compare(a.Id, b.Id));
}

function labelsOf(config: Record<string, unknown> | null | undefined): Record<string, string> | null {
  const labels = config?.Labels;
  return typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : null;
}
