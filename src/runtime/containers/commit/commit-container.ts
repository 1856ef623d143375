import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerConfig } from '../../../api/types/containers.js';
import { BerthError } from '../../../errors/index.js';
import { chainIds, familiarReference, type ContentStore, type ImageReference } from '../../images/index.js';
import { findImage, parseTagTarget, readImageConfig } from '../../images/operations/index.js';
import type { ContainerEngine } from '../engine/index.js';
import type { ContainerRecord } from '../records/index.js';
import { rootfsPaths } from '../rootfs/index.js';
import { applyCommitChanges } from './commit-changes.js';
import { committedConfig } from './committed-config.js';
import { diffContainer } from './container-diff.js';
import { mergeCommitConfig } from './merge-commit-config.js';
import { copyRunConfig } from './run-config.js';
import { storeCommittedImage } from './store-committed-image.js';

export interface CommitOptions {
  /** The name to give the image (`app:1`, `app` for `app:latest`); without one it is kept under its id. */
  reference?: string;
  /** The history entry's comment (`docker commit -m`). */
  comment?: string;
  /** The image's author (`docker commit -a`). */
  author?: string;
  /** Dockerfile instructions applied to the image's config (`docker commit -c`; see applyCommitChanges). */
  changes?: readonly string[];
  /** Freeze a running container while its changes are read, so they are read whole. Default true, as Docker's. */
  pause?: boolean;
  /** A config that stands in for the container's (the API's request body); the container's fills what it leaves out. */
  config?: ContainerConfig;
  /** The history entry's `created_by`; by default the container's Cmd joined with spaces, as Docker's. */
  createdBy?: string;
  /**
   * Paths (relative to the root, `run/secrets/token`) left out of the layer as the init layer's
   * mount points are: a build step's mount points, which the image must not keep.
   */
  leaveOut?: readonly string[];
  /**
   * A build step's commit, as Docker's CommitBuildStep makes it: `config` is the image's config
   * exactly (no merge with the container's, no changes), and `containerConfig` is what the
   * history's `container_config` shows instead of the container's own (a RUN's secrets stay out).
   */
  buildStep?: { containerConfig: ContainerConfig };
}

export interface CommittedImage {
  /** `sha256:...` */
  id: string;
  /** The name it got, familiar (`app:1`), when one was asked for. */
  reference?: string;
  /** The committed container's full id. */
  containerId: string;
  /** True when the container had changed nothing: the image has its parent's layers. */
  emptyLayer: boolean;
}

/** What a commit needs of the engine: its containers and its image store. */
export interface CommitEngine {
  containers: ContainerEngine;
  images: ContentStore;
}

/**
 * `docker commit`: a new image from a container's changes, as Docker 20.10 makes it. The
 * container's writable layer becomes one layer (container-diff.ts) on top of its image's, stored
 * and unpacked so the image runs at once; the config is the container's (or `config`) with the
 * changes applied and merged as Docker merges it; the history gets one entry. A running container
 * is paused while its changes are read (unless `pause` is false) and unpaused before the layer is
 * stored; a stopped one is read as it is.
 *
 * The reference and the changes are checked before anything is paused or written. Fails with
 * CONTAINER_NOT_FOUND (Docker's `No such container`), CONTAINER_DEAD or CONTAINER_REMOVING
 * (conflicts), INVALID_COMMIT_CHANGE or INVALID_TAG/INVALID_REFERENCE (usage).
 */
export async function commitContainer(engine: CommitEngine, container: string, options: CommitOptions = {}): Promise<CommittedImage> {
  const record = engine.containers.records.find(container);
  refuseUncommittable(record);
  const reference = options.reference ? parseTagTarget(options.reference, 'commit reference') : undefined;
  const containerConfig = copyRunConfig(options.buildStep?.containerConfig ?? record.Config);
  const requested = applyCommitChanges(copyRunConfig(options.config ?? record.Config), options.changes ?? []);
  const config = options.buildStep ? requested : mergeCommitConfig(requested, containerConfig);

  await using store = await engine.images.lease();
  const parent = await readImageConfig(store, record.Image, `image ${record.Config.Image}`);
  const { image: stored } = await findImage(store, record.Image);
  const directory = engine.containers.records.directory(record.Id);
  // The record's directory holds the writable layer (engine/layout.ts): the spooled tar goes beside it, on the same disk.
  const scratch = await mkdtemp(join(directory, 'commit-'));
  try {
    const upper = rootfsPaths(join(directory, 'rootfs')).diff;
    const layers = chainIds(parent.diffIds).map((chainId) => store.diffPath(chainId));
    const layer = await whilePaused(engine.containers, record, options.pause ?? true, () => diffContainer(upper, layers, join(scratch, 'layer.tar'), new Set(options.leaveOut ?? [])));
    const configBytes = committedConfig(parent, {
      config,
      containerConfig,
      containerId: record.Id,
      diffId: layer?.diffId,
      ...(options.author ? { author: options.author } : {}),
      ...(options.comment ? { comment: options.comment } : {}),
      createdBy: options.createdBy ?? (containerConfig.Cmd ?? []).join(' '),
      created: new Date().toISOString(),
    });
    const { id } = await storeCommittedImage(store, { parent: { id: stored.id, manifestDigest: stored.manifestDigest, diffIds: parent.diffIds }, layer, config: configBytes, reference });
    return { id, ...(reference ? { reference: familiarTag(reference) } : {}), containerId: record.Id, emptyLayer: layer === undefined };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Docker's FamiliarString of a tag: `app:latest`, `org/app:1`, the tag always written. */
function familiarTag(reference: ImageReference): string {
  return `${familiarReference({ domain: reference.domain, path: reference.path })}:${reference.tag ?? 'latest'}`;
}

/** Docker's refusals, in its words. */
function refuseUncommittable(record: ContainerRecord): void {
  if (record.State.Dead) {
    throw new BerthError({ code: 'CONTAINER_DEAD', kind: 'conflict', message: `You cannot commit container ${record.Id} which is Dead`, hint: 'a dead container\'s files may be half removed; remove it with `docker rm -f`' });
  }
  if (record.RemovalInProgress) {
    throw new BerthError({ code: 'CONTAINER_REMOVING', kind: 'conflict', message: `You cannot commit container ${record.Id} which is being removed`, hint: 'the container is going; commit another one' });
  }
}

/**
 * Runs `work` with the container paused when asked and it runs. As in Docker, a pause that is
 * refused (the container stopped or is restarting meanwhile) is no reason to fail the commit, and
 * an unpause that finds the container no longer paused is none either.
 */
async function whilePaused<T>(containers: ContainerEngine, record: ContainerRecord, pause: boolean, work: () => Promise<T>): Promise<T> {
  const { State } = record;
  let paused = false;
  if (pause && State.Running && !State.Paused && !State.Restarting) {
    paused = await containers.pause(record.Id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof BerthError && error.kind === 'conflict') return false;
        throw error;
      },
    );
  }
  try {
    return await work();
  } finally {
    if (paused) {
      await containers.unpause(record.Id).catch((error: unknown) => {
        if (!(error instanceof BerthError && (error.kind === 'conflict' || error.kind === 'not-found'))) throw error;
      });
    }
  }
}
