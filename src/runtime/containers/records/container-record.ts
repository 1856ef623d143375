import type { ContainerState, HostConfig, MountPoint } from '../../../api/types/containers.js';
import type { EndpointSettings } from '../../../api/types/networks.js';
import type { MergedConfig } from './merge-image-config.js';
import type { Lifecycle } from './transitions.js';

/**
 * What berth keeps of a container, one file per container, in inspect's field names. Config is
 * the container's merged with its image's (mergeImageConfig) and Config.Image the reference it
 * was created from; Image is the image id. ManuallyStopped and RemovalInProgress are Docker's
 * HasBeenManuallyStopped and RemovalInProgress, which inspect does not show.
 */
export interface ContainerRecord extends Lifecycle {
  /** 64 hex digits. */
  Id: string;
  /** With its leading slash: `/demo-web-1`. */
  Name: string;
  /** RFC 3339 with nanoseconds, as Docker writes it. */
  Created: string;
  /** `sha256:…` */
  Image: string;
  Config: MergedConfig;
  HostConfig: HostConfig;
  State: ContainerState;
  RestartCount: number;
  ManuallyStopped: boolean;
  RemovalInProgress: boolean;
  Mounts: MountPoint[];
  /** Anonymous volumes made for this container: removed with it when asked (`docker rm -v`). */
  AnonymousVolumes: string[];
  /** The json-file log, `<state>/containers/<id>/<id>-json.log`, as Docker places it. */
  LogPath: string;
  /**
   * The networks the container joins at its start, by name, with its settings on each (Docker's
   * NetworkSettings.Networks less what only a running container has): the create request's
   * EndpointsConfig, or the network mode's network; after a start, each network's id and the
   * aliases it was given. Absent in records written before networks existed: the mode's network.
   */
  NetworkEndpoints?: Record<string, EndpointSettings>;
}

/** The fields a record must have with the right types; a file without them is refused whole. */
export function checkRecordShape(value: unknown): asserts value is ContainerRecord {
  const record = value as Partial<Record<keyof ContainerRecord, unknown>> | null;
  const problems: string[] = [];
  const want = (field: keyof ContainerRecord, ok: boolean): void => {
    if (!ok) problems.push(field);
  };
  if (typeof record !== 'object' || record === null) throw new Error('expected a JSON object');
  want('Id', typeof record.Id === 'string' && /^[0-9a-f]{64}$/.test(record.Id));
  want('Name', typeof record.Name === 'string' && record.Name.startsWith('/'));
  for (const field of ['Created', 'Image', 'LogPath'] as const) want(field, typeof record[field] === 'string');
  for (const field of ['Config', 'HostConfig', 'State'] as const) want(field, typeof record[field] === 'object' && record[field] !== null);
  want('RestartCount', typeof record.RestartCount === 'number');
  want('ManuallyStopped', typeof record.ManuallyStopped === 'boolean');
  want('RemovalInProgress', typeof record.RemovalInProgress === 'boolean');
  want('Mounts', Array.isArray(record.Mounts));
  want('AnonymousVolumes', Array.isArray(record.AnonymousVolumes));
  if (problems.length > 0) throw new Error(`missing or wrong: ${problems.join(', ')}`);
}
