import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HostConfig, MountPoint } from '../../../api/types/containers.js';
import type { EndpointSettings } from '../../../api/types/networks.js';
import { BerthError } from '../../../errors/index.js';
import { mountsAtOrBelow } from '../../volumes/index.js';
import { containerFilter, type ListOptions } from './container-filters.js';
import { newContainerId } from './container-id.js';
import { canonicalName, nameConflict, randomName } from './container-name.js';
import type { ContainerRecord } from './container-record.js';
import { createdState } from './container-status.js';
import { creationTime, dockerTime, newestFirst } from './docker-time.js';
import type { MergedConfig } from './merge-image-config.js';
import { readRecordFile, writeRecordFile } from './record-file.js';
import type { Transition } from './transitions.js';

/** A name and an id held for a container being created, so no other create takes them meanwhile. */
export interface Reservation {
  readonly id: string;
  readonly name: string;
}

/** What a new record is made of, once its volumes exist. */
export interface NewContainer {
  /** `sha256:…` */
  imageId: string;
  /** The create request's Config merged with the image's (mergeImageConfig); Image is the reference as the client gave it. */
  config: MergedConfig;
  hostConfig: HostConfig;
  mounts: MountPoint[];
  anonymousVolumes: string[];
  /** The networks it joins at its start (ContainerRecord.NetworkEndpoints). */
  networkEndpoints?: Record<string, EndpointSettings>;
  /** When it was created; now (creationTime) unless given. */
  created?: Date;
}

const recordFileName = 'container.json';

/**
 * The engine's containers, one record each under `<state>/containers/<id>/container.json`, kept
 * in memory and written through on every change. Lookups follow Docker's order: a full id, then
 * an exact name, then a unique id prefix. Names are unique: a create reserves its name and id
 * first (reserve), makes what it needs, then writes the record (commit) or gives them back
 * (release). One engine process owns a state directory; within it, each change is a synchronous
 * read-modify-write, so two changes to one record never interleave.
 */
export class ContainerRecords {
  private readonly records = new Map<string, ContainerRecord>();
  /** Name → id, for records and reservations alike. */
  private readonly names = new Map<string, string>();
  private readonly reserved = new Set<string>();

  private constructor(private readonly root: string) {}

  /**
   * Loads every record under `stateDirectory`. A directory holding nothing but a temporary file
   * is a create that died before its record was written, and is removed; a directory with other
   * files and no record is left for the engine to look at (unrecorded): its root may still be mounted.
   */
  static open(stateDirectory: string): ContainerRecords {
    const store = new ContainerRecords(join(stateDirectory, 'containers'));
    mkdirSync(store.root, { recursive: true, mode: 0o700 });
    for (const id of readdirSync(store.root).sort()) {
      if (!/^[0-9a-f]{64}$/.test(id)) continue;
      const directory = store.directory(id);
      const leftovers = readdirSync(directory).filter((entry) => entry.startsWith(`.${recordFileName}.`) && entry.endsWith('.tmp'));
      for (const leftover of leftovers) rmSync(join(directory, leftover), { force: true });
      const record = readRecordFile(join(directory, recordFileName));
      if (record) store.remember(record);
      else if (readdirSync(directory).length === 0) rmSync(directory, { recursive: true, force: true });
    }
    return store;
  }

  /** The directory of a container's files: its record, its log, what the engine adds. */
  directory(id: string): string {
    return join(this.root, id);
  }

  /** Holds a name (Docker's rules; a random one when none is given) and a fresh id. */
  reserve(name?: string): Reservation {
    const id = newContainerId();
    const chosen = name === undefined || name === '' ? this.freeRandomName(id) : canonicalName(name);
    const holder = this.names.get(chosen);
    if (holder !== undefined) throw nameConflict(chosen, holder);
    this.names.set(chosen, id);
    this.reserved.add(id);
    return { id, name: chosen };
  }

  release(reservation: Reservation): void {
    if (!this.reserved.delete(reservation.id)) return;
    if (this.names.get(reservation.name) === reservation.id) this.names.delete(reservation.name);
  }

  /** Writes the new container's record: created, never started. */
  commit(reservation: Reservation, container: NewContainer): ContainerRecord {
    if (!this.reserved.has(reservation.id)) {
      throw new BerthError({ code: 'RESERVATION_UNKNOWN', kind: 'internal', message: `no reservation for container ${reservation.id}`, hint: 'reserve a name before committing a record, and commit it once' });
    }
    // Docker's default host name: the short id.
    const config = container.config.Hostname ? container.config : { ...container.config, Hostname: reservation.id.slice(0, 12) };
    const directory = this.directory(reservation.id);
    const record: ContainerRecord = {
      Id: reservation.id,
      Name: reservation.name,
      Created: container.created ? dockerTime(container.created) : creationTime(),
      Image: container.imageId,
      Config: config,
      HostConfig: container.hostConfig,
      State: createdState(),
      RestartCount: 0,
      ManuallyStopped: false,
      RemovalInProgress: false,
      Mounts: container.mounts,
      AnonymousVolumes: container.anonymousVolumes,
      LogPath: join(directory, `${reservation.id}-json.log`),
      ...(container.networkEndpoints ? { NetworkEndpoints: container.networkEndpoints } : {}),
    };
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeRecordFile(join(directory, recordFileName), record);
    this.reserved.delete(reservation.id);
    this.remember(record);
    return record;
  }

  /** The container a user means by `reference`: full id, exact name (with or without `/`), or unique id prefix. */
  find(reference: string): ContainerRecord {
    const byId = this.records.get(reference);
    if (byId) return byId;
    const byName = this.records.get(this.names.get(reference.startsWith('/') ? reference : `/${reference}`) ?? '');
    if (byName) return byName;
    const matches = reference === '' ? [] : [...this.records.keys()].filter((id) => id.startsWith(reference));
    if (matches.length === 1) return this.records.get(matches[0]!)!;
    if (matches.length > 1) {
      throw new BerthError({
        code: 'CONTAINER_AMBIGUOUS',
        kind: 'usage',
        message: `Multiple IDs found with provided prefix: ${reference}`,
        hint: `${matches.length} containers have ids starting with "${reference}"; give more of the id, or the name`,
      });
    }
    throw new BerthError({ code: 'CONTAINER_NOT_FOUND', kind: 'not-found', message: `No such container: ${reference}`, hint: 'list the containers with `docker ps -a`' });
  }

  /** Newest first, as `docker ps` lists them; see containerFilter for the filters. */
  list(options: ListOptions = {}): ContainerRecord[] {
    const matches = containerFilter(options);
    return [...this.records.values()].filter(matches).sort((a, b) => newestFirst(a.Created, b.Created) || (a.Id < b.Id ? -1 : 1));
  }

  /** Replaces a record with what `change` makes of it, on disk and then in memory. Id and Name cannot change here. */
  update(id: string, change: (record: ContainerRecord) => ContainerRecord): ContainerRecord {
    const current = this.find(id);
    const next = change(current);
    if (next.Id !== current.Id || next.Name !== current.Name) {
      throw new BerthError({ code: 'RECORD_IDENTITY_CHANGED', kind: 'internal', message: `an update of container ${current.Id} changed its id or name`, hint: 'renaming is its own operation' });
    }
    writeRecordFile(join(this.directory(current.Id), recordFileName), next);
    this.records.set(next.Id, next);
    return next;
  }

  /** Applies a lifecycle transition (start, stop, …) and writes the record when it changed anything. */
  apply(id: string, transition: (record: ContainerRecord) => Transition<ContainerRecord>): Transition<ContainerRecord> {
    const result = transition(this.find(id));
    if (result.changed) this.update(result.lifecycle.Id, () => result.lifecycle);
    return result;
  }

  /**
   * Forgets a container and deletes its directory, once the engine has released everything it
   * held. A mount still inside the directory (a root filesystem) stops it: rm would reach through.
   */
  async delete(id: string): Promise<void> {
    const record = this.find(id);
    await this.removeDirectory(record.Id);
    this.records.delete(record.Id);
    if (this.names.get(record.Name) === record.Id) this.names.delete(record.Name);
  }

  /**
   * The ids of container directories with neither a record nor a reservation: creates an engine
   * process died in before writing the record (see open). Nothing refers to them.
   */
  unrecorded(): string[] {
    return readdirSync(this.root).filter((id) => /^[0-9a-f]{64}$/.test(id) && !this.records.has(id) && !this.reserved.has(id));
  }

  /** Deletes the directory of an unrecorded container, once the engine has unmounted its root. */
  async discardUnrecorded(id: string): Promise<void> {
    if (this.unrecorded().includes(id)) await this.removeDirectory(id);
  }

  /** A mount still inside the directory (a root filesystem) stops it: rm would reach through. */
  private async removeDirectory(id: string): Promise<void> {
    const directory = this.directory(id);
    const mounted = await mountsAtOrBelow(directory);
    if (mounted.length > 0) {
      throw new BerthError({
        code: 'CONTAINER_DIRECTORY_MOUNTED',
        kind: 'internal',
        message: `cannot delete the files of container ${id}: ${mounted.join(', ')} is still mounted`,
        hint: 'unmount its root filesystem and mounts first (umount)',
      });
    }
    rmSync(directory, { recursive: true, force: true });
  }

  private remember(record: ContainerRecord): void {
    this.records.set(record.Id, record);
    this.names.set(record.Name, record.Id);
  }

  /** Docker's generateNewName: six random names, then the short id. */
  private freeRandomName(id: string): string {
    for (let attempt = 0; attempt < 6; attempt++) {
      const name = `/${randomName(attempt)}`;
      if (!this.names.has(name)) return name;
    }
    return `/${id.slice(0, 12)}`;
  }
}
