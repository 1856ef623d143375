import type { VolumeCreateRequest } from '../../../types/volumes.js';
import type { EngineParts } from '../../engine-parts.js';
import type { ApiCall } from '../../http/route.js';

export type VolumesBackend = Pick<EngineParts, 'volumes' | 'containers' | 'events'>;

/**
 * The volume handlers: the VolumeStore has Docker's shapes, filters and texts; the container
 * engine says which containers use which volume (in use is Docker's 409, even forced). Each
 * handler tells the event stream what changed (dockerd's volume events, with `driver`).
 */
export class VolumeHandlers {
  constructor(private readonly backend: VolumesBackend) {}

  async list(call: ApiCall): Promise<void> {
    const volumes = await this.backend.volumes.list(call.query.filters(), this.backend.containers.volumeUsers());
    call.sendJson({ Volumes: volumes, Warnings: null });
  }

  async inspect(call: ApiCall): Promise<void> {
    call.sendJson(await this.backend.volumes.inspect(call.params.name!));
  }

  /** A second create of a name answers the volume it has, and is told again, as dockerd does. */
  async create(call: ApiCall): Promise<void> {
    const volume = await this.backend.volumes.create(await call.json<VolumeCreateRequest>());
    this.tell('create', volume.Name, volume.Driver);
    call.sendJson(volume, 201);
  }

  async remove(call: ApiCall): Promise<void> {
    const name = call.params.name!;
    const existed = await this.backend.volumes.inspect(name).catch(() => undefined);
    await this.backend.volumes.remove(name, { force: call.query.bool('force'), users: this.backend.containers.volumeUsers() });
    if (existed) this.tell('destroy', existed.Name, existed.Driver);
    call.sendEmpty(204);
  }

  async prune(call: ApiCall): Promise<void> {
    const pruned = await this.backend.volumes.prune(call.query.filters(), this.backend.containers.volumeUsers());
    for (const name of pruned.VolumesDeleted ?? []) this.tell('destroy', name, 'local');
    call.sendJson(pruned);
  }

  private tell(action: string, name: string, driver: string): void {
    this.backend.events.publish({ Type: 'volume', Action: action, id: name, attributes: { driver } });
  }
}
