import type { ContentStore } from '../store/index.js';
import { dockerContainerConfig, type DockerContainerConfig } from './container-config.js';
import { dockerTimestamp } from './docker-time.js';
import { findImage } from './find-image.js';
import { repoDigests, repoTags } from './image-catalog.js';
import { readImageConfig } from './image-config.js';
import { imageSize } from './layer-size.js';

/**
 * `GET /images/{name}/json`, in Docker's shape (API 1.41) less what has no meaning in berth's
 * store: no `GraphDriver`, `ContainerConfig` or `Metadata.LastTagTime`.
 */
export interface ImageDetails {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: DockerContainerConfig | null;
  Architecture: string;
  Variant?: string;
  Os: string;
  Size: number;
  VirtualSize: number;
  RootFS: { Type: string; Layers: string[] };
}

/** Inspects the image `name` names in any form findImage() accepts. */
export async function inspectImage(store: ContentStore, name: string): Promise<ImageDetails> {
  const { image } = await findImage(store, name);
  const config = await readImageConfig(store, image.id, `image ${name}`);
  const size = await imageSize(store, config.diffIds, `image ${name}`);
  return {
    Id: image.id,
    RepoTags: repoTags(image),
    RepoDigests: repoDigests(image),
    Parent: '',
    Comment: config.comment ?? '',
    Created: dockerTimestamp(config.created),
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: config.config ? dockerContainerConfig(config.config) : null,
    Architecture: config.architecture ?? '',
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os ?? '',
    Size: size,
    VirtualSize: size,
    RootFS: { Type: config.rootfs?.type ?? 'layers', Layers: config.diffIds },
  };
}
