import type { ContentStore } from '../../images/index.js';
import { findImage, readImageConfig } from '../../images/operations/index.js';
import { committedConfig } from './committed-config.js';
import type { RunConfig } from './run-config.js';
import { storeCommittedImage } from './store-committed-image.js';

export interface ConfigStep {
  /** The new image's config. */
  config: RunConfig;
  /** The history entry's `created_by`: the instruction. */
  createdBy: string;
}

/**
 * A child image that differs from its parent only in its config and one history entry (an empty
 * layer): what a Dockerfile's ENV, LABEL, CMD and the like make, with no container to commit.
 * `store` must be a leased view, which keeps the new image's blobs until its record is written.
 */
export async function storeConfigImage(store: ContentStore, parentId: string, step: ConfigStep): Promise<string> {
  const parent = await readImageConfig(store, parentId, `image ${parentId}`);
  const found = await findImage(store, parentId);
  const config = committedConfig(parent, {
    config: step.config,
    containerConfig: { ...step.config, Cmd: ['/bin/sh', '-c', `#(nop) ${step.createdBy}`] },
    containerId: '',
    diffId: undefined,
    createdBy: step.createdBy,
    created: new Date().toISOString(),
  });
  const { id } = await storeCommittedImage(store, {
    parent: { id: parentId, manifestDigest: found.image.manifestDigest, diffIds: parent.diffIds },
    layer: undefined,
    config,
    reference: undefined,
  });
  return id;
}
