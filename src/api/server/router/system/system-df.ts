import { join } from 'node:path';
import { chainIds, inspectImage, layerSize, listImages, type ContentStore } from '../../../../runtime/images/index.js';
import { diskUsage } from '../../../../runtime/volumes/index.js';
import type { ContainerSummary } from '../../../types/containers.js';
import type { ImageSummary } from '../../../types/images.js';
import type { Volume } from '../../../types/volumes.js';
import type { EngineParts } from '../../engine-parts.js';

/** `GET /system/df` (API 1.41): what `docker system df` adds up. */
export interface DiskUsageResponse {
  LayersSize: number;
  Images: (ImageSummary & { SharedSize: number; VirtualSize: number })[];
  Containers: (ContainerSummary & { SizeRw: number; SizeRootFs: number })[];
  Volumes: (Volume & { UsageData: { Size: number; RefCount: number } })[];
  BuildCache: [];
}

export type DiskUsageBackend = Pick<EngineParts, 'containers' | 'images' | 'volumes'>;

/**
 * Sizes as dockerd counts them: each unpacked layer once in LayersSize, an image's SharedSize the
 * part of it other images use too, a container's SizeRw its writable layer, a volume's size its
 * data with the number of containers that mount it.
 */
export async function systemDiskUsage(backend: DiskUsageBackend): Promise<DiskUsageResponse> {
  const containers = backend.containers.list({ all: true });
  const images = await imageUsage(backend.images, containers);
  const imageSizes = new Map(images.entries.map((image) => [image.Id, image.Size]));
  const users = backend.containers.volumeUsers();
  const volumes = await backend.volumes.list();
  return {
    LayersSize: images.layersSize,
    Images: images.entries,
    Containers: await Promise.all(
      containers.map(async (container) => {
        const sizeRw = await diskUsage(join(backend.containers.records.directory(container.Id), 'rootfs', 'diff'));
        return { ...container, SizeRw: sizeRw, SizeRootFs: sizeRw + (imageSizes.get(container.ImageID) ?? 0) };
      }),
    ),
    Volumes: await Promise.all(
      volumes.map(async (volume) => ({ ...volume, UsageData: { Size: await diskUsage(volume.Mountpoint), RefCount: users.get(volume.Name)?.length ?? 0 } })),
    ),
    BuildCache: [],
  };
}

async function imageUsage(store: ContentStore, containers: readonly ContainerSummary[]): Promise<{ layersSize: number; entries: DiskUsageResponse['Images'] }> {
  const summaries = await listImages(store);
  const layers = await Promise.all(summaries.map(async (image) => chainIds((await inspectImage(store, image.Id)).RootFS.Layers)));
  const useCount = new Map<string, number>();
  for (const chain of layers) for (const chainId of new Set(chain)) useCount.set(chainId, (useCount.get(chainId) ?? 0) + 1);
  const sizeOf = (chainId: string): Promise<number> => layerSize(store, chainId, `layer ${chainId}`);
  let layersSize = 0;
  for (const chainId of useCount.keys()) layersSize += await sizeOf(chainId);
  const entries = await Promise.all(
    summaries.map(async (image, index) => {
      let shared = 0;
      for (const chainId of new Set(layers[index])) if ((useCount.get(chainId) ?? 0) > 1) shared += await sizeOf(chainId);
      const users = containers.filter((container) => container.ImageID === image.Id).length;
      return { ...image, SharedSize: shared, VirtualSize: image.Size, Containers: users };
    }),
  );
  return { layersSize, entries };
}
