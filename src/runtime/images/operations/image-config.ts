import { BerthError } from '../../../errors/index.js';
import { parseDigest, type ContentStore } from '../store/index.js';

/** The `config` of an image configuration: what a container runs and finds unless it says otherwise. */
export type RawContainerConfig = Record<string, unknown>;

/** One `history` entry of an image configuration. */
export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/**
 * An image configuration (OCI image-spec config.md, and Docker's fields beside it). Only what the
 * operations read is declared; the stored bytes keep everything else, since the image id is their digest.
 */
export interface ImageConfigFile {
  created?: string;
  author?: string;
  comment?: string;
  docker_version?: string;
  architecture?: string;
  variant?: string;
  os?: string;
  config?: RawContainerConfig | null;
  rootfs?: { type?: string; diff_ids?: unknown };
  history?: HistoryEntry[] | null;
}

/** A configuration read from the store, with its layers' DiffIDs checked. */
export interface ImageConfig extends ImageConfigFile {
  diffIds: string[];
}

/** Reads the configuration `id` names and checks `rootfs.diff_ids`; `subject` names the image in errors. */
export async function readImageConfig(store: ContentStore, id: string, subject: string): Promise<ImageConfig> {
  const file = await store.readJson<ImageConfigFile>(id);
  return { ...file, diffIds: diffIdsOf(file, subject) };
}

/** `rootfs.diff_ids`, each a valid digest; an image without layers has none. */
export function diffIdsOf(config: ImageConfigFile, subject: string): string[] {
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (!Array.isArray(diffIds) || !diffIds.every((diffId): diffId is string => typeof diffId === 'string')) {
    throw malformedConfig(subject, 'rootfs.diff_ids is not a list of digests');
  }
  for (const diffId of diffIds) parseDigest(diffId);
  return diffIds;
}

export function malformedConfig(subject: string, problem: string): BerthError {
  return new BerthError({
    code: 'IMAGE_CONFIG_MALFORMED',
    kind: 'internal',
    message: `the configuration of ${subject} is malformed: ${problem}`,
    hint: 'the image was built or altered by a faulty tool; rebuild it, or pull or load it again',
  });
}
