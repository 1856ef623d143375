import type { ContainerStatus, ContainerSummary, EngineClient, Labels } from '../../api/index.js';
import { composeLabels, projectFilter } from '../contract/labels.js';
import { bareName } from '../contract/names.js';

/** A container of the project as one list call shows it. */
export interface ObservedContainer {
  id: string;
  name: string;
  service: string;
  /** `com.docker.compose.container-number`; 0 when the label is missing or unreadable. */
  number: number;
  oneOff: boolean;
  state: ContainerStatus;
  /** `Up 3 minutes (healthy)`: the engine's words. */
  status: string;
  configHash: string | undefined;
  /** The image id (`sha256:...`) the container runs. */
  imageId: string;
  image: string;
  /** Engine names of the networks it is on. */
  networks: string[];
  labels: Labels;
  summary: ContainerSummary;
}

export interface ObservedNetwork {
  id: string;
  name: string;
  labels: Labels;
}

export interface ObservedVolume {
  name: string;
  labels: Labels;
}

/**
 * A project's resources on one engine, read once: every container carrying the project label
 * (running or not), and every network and volume by engine name (the project's own and any other,
 * so external ones can be checked without another call).
 */
export interface ObservedState {
  containers: ObservedContainer[];
  networks: Map<string, ObservedNetwork>;
  volumes: Map<string, ObservedVolume>;
}

export async function observeProject(client: EngineClient, projectName: string): Promise<ObservedState> {
  const [containers, networks, volumes] = await Promise.all([
    client.containers.list({ all: true, filters: { label: projectFilter(projectName) } }),
    client.networks.list(),
    client.volumes.list(),
  ]);
  return {
    containers: containers.map(observedContainer).sort(byServiceAndNumber),
    networks: new Map(networks.map((network) => [network.Name, { id: network.Id, name: network.Name, labels: network.Labels ?? {} }])),
    volumes: new Map(volumes.map((volume) => [volume.Name, { name: volume.Name, labels: volume.Labels ?? {} }])),
  };
}

export async function observeContainers(client: EngineClient, projectName: string, service?: string): Promise<ObservedContainer[]> {
  const containers = await client.containers.list({ all: true, filters: { label: projectFilter(projectName, service) } });
  return containers.map(observedContainer).sort(byServiceAndNumber);
}

export function observedContainer(summary: ContainerSummary): ObservedContainer {
  const labels = summary.Labels ?? {};
  const number = Number.parseInt(labels[composeLabels.containerNumber] ?? '', 10);
  return {
    id: summary.Id,
    name: bareName(summary.Names[0] ?? summary.Id),
    service: labels[composeLabels.service] ?? '',
    number: Number.isFinite(number) ? number : 0,
    oneOff: (labels[composeLabels.oneoff] ?? '').toLowerCase() === 'true',
    state: summary.State,
    status: summary.Status,
    configHash: labels[composeLabels.configHash],
    imageId: summary.ImageID,
    image: summary.Image,
    networks: Object.keys(summary.NetworkSettings?.Networks ?? {}).sort(),
    labels,
    summary,
  };
}

function byServiceAndNumber(a: ObservedContainer, b: ObservedContainer): number {
  return a.service === b.service ? a.number - b.number || a.name.localeCompare(b.name) : a.service.localeCompare(b.service);
}
