import { chmod, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Filters } from '../../api/types/common.js';
import type { Volume, VolumeCreateRequest, VolumePruneResponse } from '../../api/types/volumes.js';
import { BerthError } from '../../errors/index.js';
import { copyUp, type CopyUpOutcome, type CopyUpRequest } from './copy-up.js';
import { diskUsage } from './disk-usage.js';
import { KeyedQueue } from './keyed-queue.js';
import { mountsAtOrBelow } from './mount-table.js';
import { invalidDriverOption, noSuchVolume, unknownDriver, volumeInUse } from './volume-errors.js';
import { listFilter, pruneFilter } from './volume-filters.js';
import { VolumeLayout } from './volume-layout.js';
import { readVolumeMetadata, volumeView, writeVolumeMetadata, type VolumeMetadata } from './volume-metadata.js';
import { anonymousVolumeName, checkVolumeName, isValidVolumeName } from './volume-name.js';

/**
 * Which containers mount each volume, by volume name: the engine knows, the store does not. A
 * volume with an entry is in use; inspect, remove, prune and the `dangling` filter read this.
 */
export type VolumeUsers = ReadonlyMap<string, readonly string[]>;

/** The local driver's options: `mount -t type -o o device` when the volume is used. */
const driverOptions = ['type', 'device', 'o'];

/**
 * Named and anonymous volumes on the local driver, laid out as Docker lays them out (see
 * VolumeLayout). Each change is atomic on disk: a volume appears whole (made in a scratch
 * directory and renamed into place) and disappears whole (renamed away, then deleted). Changes to
 * one volume run one at a time within this engine.
 */
export class VolumeStore {
  private readonly layout: VolumeLayout;
  private readonly queue = new KeyedQueue();

  private constructor(stateDirectory: string) {
    this.layout = new VolumeLayout(stateDirectory);
  }

  /** The store under `stateDirectory`, with what a crash left half-done swept away. */
  static async open(stateDirectory: string): Promise<VolumeStore> {
    const store = new VolumeStore(stateDirectory);
    await mkdir(store.layout.root, { recursive: true, mode: 0o701 });
    await store.sweep();
    return store;
  }

  /**
   * Creates a volume, or answers the one that has the name already, unchanged (Docker neither
   * fails nor updates labels then). Without a name, the volume is anonymous: 64 random hex digits.
   */
  async create(request: VolumeCreateRequest = {}): Promise<Volume> {
    const name = request.Name || anonymousVolumeName();
    const driver = request.Driver ?? '';
    if (driver !== '' && driver !== 'local') throw unknownDriver(name, driver);
    checkVolumeName(name);
    for (const option of Object.keys(request.DriverOpts ?? {}).sort()) {
      if (!driverOptions.includes(option)) throw invalidDriverOption(name, option);
    }
    return this.queue.run(name, async () => {
      const existing = await this.read(name);
      if (existing) return existing;
      const metadata: VolumeMetadata = {
        schemaVersion: 1,
        Name: name,
        Driver: 'local',
        CreatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        Labels: request.Labels ?? null,
        Options: request.DriverOpts ?? null,
        Scope: 'local',
      };
      const scratch = this.layout.scratch('create');
      try {
        // Docker's modes, set explicitly so the engine's umask cannot narrow them: the volume's own
        // directory 0701, `_data` 0755 (a container user other than root must reach its volume).
        await mkdir(scratch, { mode: 0o701 });
        await mkdir(join(scratch, '_data'));
        await chmod(scratch, 0o701);
        await chmod(join(scratch, '_data'), 0o755);
        writeVolumeMetadata(join(scratch, 'volume.json'), metadata);
        await rename(scratch, this.layout.directory(name));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Another engine process made the volume first: answer its volume, as for a second create.
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
      return this.inspect(name);
    });
  }

  async inspect(name: string): Promise<Volume> {
    const volume = await this.read(name);
    if (!volume) throw noSuchVolume(name);
    return volume;
  }

  /** Volumes by name, with Docker's filters: `name`, `label`, `driver`, `dangling`. */
  async list(filters: Filters = {}, users: VolumeUsers = new Map()): Promise<Volume[]> {
    const matches = listFilter(filters, users);
    return (await this.all()).filter(matches);
  }

  /**
   * Removes a volume no container uses. `force` makes a missing volume no error, and nothing
   * more: Docker refuses to remove a volume in use even when forced, and so does berth.
   */
  remove(name: string, options: { force?: boolean; users?: VolumeUsers } = {}): Promise<void> {
    return this.queue.run(name, async () => {
      if (!(await this.read(name))) {
        if (options.force) return;
        throw noSuchVolume(name);
      }
      const users = options.users?.get(name) ?? [];
      if (users.length > 0) throw volumeInUse(name, users);
      await this.delete(name);
    });
  }

  /** Removes every volume no container uses that matches `label` / `label!`, as Docker 20.10 does. */
  async prune(filters: Filters = {}, users: VolumeUsers = new Map()): Promise<VolumePruneResponse> {
    const matches = pruneFilter(filters);
    const deleted: string[] = [];
    let reclaimed = 0;
    for (const volume of await this.all()) {
      if (!matches(volume)) continue;
      await this.queue.run(volume.Name, async () => {
        // In use, or gone since the listing: neither is for this prune to remove.
        if ((users.get(volume.Name) ?? []).length > 0 || !(await this.read(volume.Name))) return;
        const size = await diskUsage(this.layout.data(volume.Name));
        await this.delete(volume.Name);
        deleted.push(volume.Name);
        reclaimed += size;
      });
    }
    return { VolumesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
  }

  /** Fills the volume from the image's content at the mount path, once (see copyUp). */
  copyUp(name: string, request: CopyUpRequest): Promise<CopyUpOutcome> {
    return this.queue.run(name, async () => {
      if (!(await this.read(name))) throw noSuchVolume(name);
      return copyUp(this.layout, name, request);
    });
  }

  /** What a container mounts for this volume: its `_data` directory. */
  mountpoint(name: string): string {
    return this.layout.data(name);
  }

  private async read(name: string): Promise<Volume | undefined> {
    // A name that breaks the rule cannot be a volume, and must not become a path (`../x`).
    if (!isValidVolumeName(name)) return undefined;
    const metadata = await readVolumeMetadata(this.layout.metadata(name));
    return metadata && volumeView(metadata, this.layout.data(name));
  }

  private async all(): Promise<Volume[]> {
    const names = (await readdir(this.layout.root)).filter((entry) => !VolumeLayout.isScratch(entry)).sort();
    const volumes = await Promise.all(names.map((name) => this.read(name)));
    return volumes.filter((volume): volume is Volume => volume !== undefined);
  }

  /** Takes the volume out of sight in one rename, then deletes it; refuses while anything is mounted in it. */
  private async delete(name: string): Promise<void> {
    const directory = this.layout.directory(name);
    const mounted = await mountsAtOrBelow(directory);
    if (mounted.length > 0) {
      throw new BerthError({
        code: 'VOLUME_MOUNTED',
        kind: 'conflict',
        message: `remove ${name}: ${mounted.join(', ')} ${mounted.length === 1 ? 'is a mount point' : 'are mount points'} inside the volume`,
        hint: `unmount ${mounted.join(' and ')} first (umount); berth does not delete through a mount`,
      });
    }
    const doomed = this.layout.scratch('remove');
    await rename(directory, doomed);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Deletes what a crash left: scratch directories of creates and removes, and of copy-ups in volumes. */
  private async sweep(): Promise<void> {
    for (const entry of await readdir(this.layout.root)) {
      const path = join(this.layout.root, entry);
      if (VolumeLayout.isScratch(entry)) {
        if ((await mountsAtOrBelow(path)).length === 0) await rm(path, { recursive: true, force: true });
        continue;
      }
      if (!(await lstat(path)).isDirectory()) continue;
      for (const inside of await readdir(path)) {
        if (inside.startsWith('.copy-up-')) await rm(join(path, inside), { recursive: true, force: true });
      }
    }
  }
}
