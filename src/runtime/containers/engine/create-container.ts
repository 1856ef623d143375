import { rm } from 'node:fs/promises';
import type { ContainerCreateRequest, MountPoint } from '../../../api/types/containers.js';
import type { ContentStore } from '../../images/index.js';
import { findImage } from '../../images/index.js';
import type { VolumeStore } from '../../volumes/index.js';
import { mergeImageConfig, mountPoint, planMounts, validateContainerConfig, type ContainerRecord, type ContainerRecords, type MountSpec } from '../records/index.js';
import { mountRootfs, removeRootfs } from '../rootfs/index.js';
import { imageForContainer, type ImageForContainer } from './image-of.js';
import type { ContainerNetworks } from './container-networks.js';
import { containerLayout } from './layout.js';
import { configuredEndpoints, networkedContainer } from './networking.js';
import { writeContainerEtcFiles } from './runtime-mounts.js';

export interface CreateContext {
  records: ContainerRecords;
  images: ContentStore;
  volumes: VolumeStore;
  runDirectory: string;
  hostResolvConf?: string;
  /** Checks the networks the container names (they exist); none without a network side. */
  networks?: ContainerNetworks;
}

/**
 * `docker create`, in Docker's order: the request is checked before anything is made, the image
 * found, the name reserved, the image's config merged in, the mounts planned, the networks it
 * names checked (dockerd 20.10 finds a missing one only at start; later Dockers, and berth, at
 * create); then the root filesystem is mounted so each volume gets the image's content (copy-up),
 * the /etc files are written and the record committed. A failure gives back the name and removes what was made
 * (the anonymous volumes, the root filesystem); named volumes stay, as in Docker.
 */
export async function createContainer(context: CreateContext, request: ContainerCreateRequest, name?: string): Promise<{ record: ContainerRecord; warnings: string[] }> {
  const { HostConfig: hostConfig = {}, NetworkingConfig: networking, ...config } = request;
  validateContainerConfig(config, hostConfig);
  const found = await findImage(context.images, request.Image);
  const image = await imageForContainer(context.images, found.image.id, request.Image);
  const merged = mergeImageConfig({ ...config, Image: request.Image }, image.config);
  const specs = planMounts(merged, hostConfig);
  const networkEndpoints = configuredEndpoints(hostConfig, networking?.EndpointsConfig);
  const reservation = context.records.reserve(name);
  const layout = containerLayout(context.records.directory(reservation.id), context.runDirectory, reservation.id);
  const anonymous: string[] = [];
  try {
    const networked = networkedContainer({ Id: reservation.id, Name: reservation.name, Config: merged, HostConfig: hostConfig, NetworkEndpoints: networkEndpoints });
    // A container:ID mode has no network of its own; the other container is looked up at start.
    if (!networked.networkMode.startsWith('container:')) context.networks?.check(networked);
    const mounts = await prepareMounts(context.volumes, specs, image, layout.rootfs, anonymous);
    const record = context.records.commit(reservation, { imageId: image.id, config: merged, hostConfig, mounts, anonymousVolumes: anonymous, networkEndpoints });
    await writeContainerEtcFiles(record, context.hostResolvConf);
    // dockerd's warning, word for word: a container on the host's stack has no ports to publish.
    const hostPorts = networked.networkMode === 'host' && Object.keys(hostConfig.PortBindings ?? {}).length > 0;
    return { record, warnings: hostPorts ? ['Published ports are discarded when using host network mode'] : [] };
  } catch (error) {
    context.records.release(reservation);
    await removeRootfs(layout.rootfs).catch(() => undefined);
    for (const volume of anonymous) await context.volumes.remove(volume, { force: true }).catch(() => undefined);
    if (context.records.list({ all: true }).some((record) => record.Id === reservation.id)) await context.records.delete(reservation.id).catch(() => undefined);
    else await rm(layout.directory, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Creates the volumes the plan names (a new name for each anonymous one), fills each from the
 * image unless `nocopy`, and returns inspect's Mounts. A missing Binds source is made at start
 * (createBindSources), as Docker makes it.
 * The root filesystem is mounted only when a volume needs the image's content, and unmounted after.
 */
async function prepareMounts(volumes: VolumeStore, specs: readonly MountSpec[], image: ImageForContainer, rootfsDirectory: string, anonymous: string[]): Promise<MountPoint[]> {
  const mounts: MountPoint[] = [];
  let imageRoot: string | undefined;
  try {
    for (const spec of specs) {
      if (spec.Type !== 'volume') {
        const point = mountPoint(spec);
        if (point) mounts.push(point);
        continue;
      }
      const volume = await volumes.create({
        ...(spec.Source ? { Name: spec.Source } : {}),
        ...(spec.VolumeLabels ? { Labels: spec.VolumeLabels } : {}),
        ...(spec.VolumeDriverOptions ? { DriverOpts: spec.VolumeDriverOptions } : {}),
      });
      if (!spec.Source) anonymous.push(volume.Name);
      if (!spec.NoCopy) {
        imageRoot ??= await mountRootfs(rootfsDirectory, image.layers);
        await volumes.copyUp(volume.Name, { imageRoot, path: spec.Destination });
      }
      const point = mountPoint(spec, { name: volume.Name, mountpoint: volume.Mountpoint });
      if (point) mounts.push(point);
    }
  } finally {
    if (imageRoot !== undefined) await removeRootfs(rootfsDirectory);
  }
  return mounts;
}
