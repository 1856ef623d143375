import type { Filters } from '../types/common.js';
import type { Volume, VolumeCreateRequest, VolumeListResponse, VolumePruneResponse } from '../types/volumes.js';
import { encodeFilters, pathSegment } from './query.js';
import type { EngineRequester } from './request.js';

/** `/volumes/...`. */
export class VolumesApi {
  constructor(private readonly engine: EngineRequester) {}

  /** `name`, `label`, `driver`, `dangling` filters. The engine's warnings are dropped. */
  async list(options: { filters?: Filters } = {}): Promise<Volume[]> {
    const answer = await this.engine.requestJson<VolumeListResponse>({ method: 'GET', path: '/volumes', query: { filters: encodeFilters(options.filters) } });
    return answer.Volumes ?? [];
  }

  /** Creating a volume that exists with the same driver returns it unchanged, as Docker does. */
  create(request: VolumeCreateRequest): Promise<Volume> {
    return this.engine.requestJson({ method: 'POST', path: '/volumes/create', body: { json: request } });
  }

  inspect(name: string): Promise<Volume> {
    return this.engine.requestJson({ method: 'GET', path: `/volumes/${pathSegment(name)}` });
  }

  /** A volume in use by a container is a 409 (kind `conflict`). */
  remove(name: string, options: { force?: boolean } = {}): Promise<void> {
    return this.engine.requestEmpty({ method: 'DELETE', path: `/volumes/${pathSegment(name)}`, query: { force: options.force } });
  }

  /** Removes unused volumes that match (`label`); API 1.41 prunes named volumes too. */
  prune(options: { filters?: Filters } = {}): Promise<VolumePruneResponse> {
    return this.engine.requestJson({ method: 'POST', path: '/volumes/prune', query: { filters: encodeFilters(options.filters) } });
  }
}
