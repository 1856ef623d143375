import { hostPlatform } from '../../images/registry/index.js';
import { dockerContainerConfig, type HistoryEntry, type RawContainerConfig, type StoredImageConfig } from '../../images/operations/index.js';
import type { RunConfig } from './run-config.js';

/** What a commit adds to its parent image's configuration. */
export interface CommitStep {
  /** The image's `config`: what its containers run (mergeCommitConfig's). */
  config: RunConfig;
  /** The container's own Config, kept as `container_config`. */
  containerConfig: RunConfig;
  containerId: string;
  /** The new layer's DiffID; undefined when the container changed nothing (an empty layer). */
  diffId: string | undefined;
  author?: string;
  comment?: string;
  /** The history's `created_by`; Docker's is the container's Cmd joined with spaces. */
  createdBy: string;
  /** RFC 3339. */
  created: string;
}

/**
 * The committed image's configuration, as Docker's NewChildImage makes it: the parent's platform,
 * rootfs and history, the new config, the container it came from, one history entry more. An
 * empty diff adds no DiffID, and its history entry says `empty_layer`, as Docker 20.10 does. The
 * commit message goes to the history entry and to the image's own `comment`: Docker leaves the
 * latter empty and its inspect shows the last history entry's comment instead, which berth's
 * inspect does not look for. Top-level keys are sorted, as Docker marshals an image.
 */
export function committedConfig(parent: StoredImageConfig, step: CommitStep): Buffer {
  const history: HistoryEntry = {
    created: step.created,
    ...(step.author ? { author: step.author } : {}),
    ...(step.createdBy ? { created_by: step.createdBy } : {}),
    ...(step.comment ? { comment: step.comment } : {}),
    ...(step.diffId === undefined ? { empty_layer: true } : {}),
  };
  const inherited = parent as StoredImageConfig & Record<string, unknown>;
  const fields: Record<string, unknown> = {
    architecture: parent.architecture || hostPlatform().architecture,
    ...(step.author ? { author: step.author } : {}),
    ...(step.comment ? { comment: step.comment } : {}),
    config: dockerContainerConfig(step.config as RawContainerConfig),
    container: step.containerId,
    container_config: dockerContainerConfig(step.containerConfig as RawContainerConfig),
    created: step.created,
    history: [...(parent.history ?? []), history],
    os: 'linux',
    ...(inherited['os.features'] !== undefined ? { 'os.features': inherited['os.features'] } : {}),
    ...(inherited['os.version'] !== undefined ? { 'os.version': inherited['os.version'] } : {}),
    rootfs: { type: 'layers', diff_ids: step.diffId === undefined ? parent.diffIds : [...parent.diffIds, step.diffId] },
    ...(parent.variant ? { variant: parent.variant } : {}),
  };
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return Buffer.from(JSON.stringify(sorted));
}
