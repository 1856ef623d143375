import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../files/write-file-atomic.js';
import type { ContentStore } from '../../images/index.js';
import type { ContainerMonitor, CreatedContainer, LogLimits } from '../monitor/index.js';
import type { ContainerRecord } from '../records/index.js';
import { mountRootfs, unmountRootfs } from '../rootfs/index.js';
import { createRuntimeSpec, runtimeSpecJson, type HostFacts, type RuntimeSpec, type SeccompProfile } from '../spec/index.js';
import { imageForContainer } from './image-of.js';
import { containerHandle, type ContainerLayout } from './layout.js';
import type { RunNetwork } from './networking.js';
import { containerMounts, createBindSources, writeContainerEtcFiles } from './runtime-mounts.js';

export interface RunContext {
  images: ContentStore;
  monitor: ContainerMonitor;
  /** The cgroup parent: containers get `/<parent>/<id>`. */
  cgroupParent: string;
  host: () => Promise<HostFacts>;
  seccompProfile: () => Promise<SeccompProfile>;
  initBinary?: string;
  hostResolvConf?: string;
}

/**
 * Everything `docker start` does below the record: the root filesystem mounted from the image's
 * layers, the /etc files written, missing Binds sources made, the spec built and written as the
 * bundle's config.json, and the container created under conmon and started. With `network` (what
 * its networks gave it) runc joins that namespace and the /etc files carry its addresses and
 * resolver; without, runc makes a namespace of the container's own as HostConfig asks. A failure
 * undoes what it made, so the container is left as it was (created or exited), its writable layer
 * kept; the network is the caller's to take back.
 */
export async function runContainer(context: RunContext, record: ContainerRecord, layout: ContainerLayout, network?: RunNetwork): Promise<CreatedContainer> {
  const handle = containerHandle(layout, record.Id, record.LogPath);
  let created: CreatedContainer | undefined;
  try {
    const image = await imageForContainer(context.images, record.Image, record.Config.Image);
    const rootfs = await mountRootfs(layout.rootfs, image.layers);
    const etc = await writeContainerEtcFiles(record, context.hostResolvConf, network);
    await createBindSources(record);
    const [host, seccompProfile] = await Promise.all([context.host(), context.seccompProfile()]);
    const spec = await createRuntimeSpec({
      id: record.Id,
      imageName: record.Config.Image,
      // The record's Config is already merged with the image's (mergeImageConfig): nothing more to take.
      image: {},
      config: record.Config,
      hostConfig: record.HostConfig,
      rootfs,
      mounts: containerMounts(record, etc),
      cgroupsPath: `/${context.cgroupParent}/${record.Id}`,
      host,
      seccompProfile,
      ...(context.initBinary ? { initBinary: context.initBinary } : {}),
      ...(network ? { namespaces: { network: network.namespace } } : {}),
    });
    await mkdir(layout.bundle, { recursive: true, mode: 0o700 });
    writeFileAtomic(join(layout.bundle, 'config.json'), runtimeSpecJson(spec), 0o600);
    created = await context.monitor.create({
      ...handle,
      name: record.Name.slice(1),
      logLimits: logLimits(record),
      terminal: record.Config.Tty === true,
      openStdin: record.Config.OpenStdin === true,
      stdinOnce: record.Config.StdinOnce === true,
    });
    await context.monitor.start(created);
    return created;
  } catch (error) {
    if (created) await context.monitor.delete(created, { force: true }).catch(() => undefined);
    await releaseRun(layout).catch(() => undefined);
    throw error;
  }
}

/** What a run holds once its process is gone: the bundle and the mounted root (the writable layer stays). */
export async function releaseRun(layout: ContainerLayout): Promise<void> {
  await unmountRootfs(layout.rootfs);
  await rm(layout.bundle, { recursive: true, force: true });
}

/** The spec the container runs with, read back from its bundle (for exec, which runs like the container). */
export async function runningSpec(layout: ContainerLayout): Promise<RuntimeSpec> {
  return JSON.parse(await readFile(join(layout.bundle, 'config.json'), 'utf8')) as RuntimeSpec;
}

/** json-file's `max-size` and `max-file` from HostConfig.LogConfig, in Docker's units (`10m`, `3`). */
export function logLimits(record: ContainerRecord): LogLimits {
  const options = record.HostConfig.LogConfig?.Config ?? {};
  const limits: LogLimits = {};
  const size = options['max-size'] ? parseSize(options['max-size']) : undefined;
  if (size !== undefined && size > 0) limits.maxSize = size;
  const files = options['max-file'] ? Number.parseInt(options['max-file'], 10) : undefined;
  if (files !== undefined && files > 0) limits.maxFiles = files;
  return limits;
}

/** Docker's RAMInBytes: `100`, `10k`, `10m`, `1g`, binary multiples, case-insensitive, an optional `b`. */
function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(text.trim());
  if (!match) return undefined;
  const power = ' kmgtp'.indexOf((match[2] ?? '').toLowerCase() || ' ');
  return Math.floor(Number(match[1]) * 1024 ** power);
}
