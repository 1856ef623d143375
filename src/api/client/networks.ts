import type { Filters } from '../types/common.js';
import type {
  Network,
  NetworkConnectRequest,
  NetworkCreateRequest,
  NetworkCreateResponse,
  NetworkDisconnectRequest,
  NetworkPruneResponse,
} from '../types/networks.js';
import { encodeFilters, pathSegment } from './query.js';
import type { EngineRequester } from './request.js';

/** `/networks/...`. Ids, names and unique id prefixes are interchangeable wherever one is asked for. */
export class NetworksApi {
  constructor(private readonly engine: EngineRequester) {}

  /** `name`, `id`, `label`, `driver`, `scope`, `type` (`custom`, `builtin`) filters. */
  list(options: { filters?: Filters } = {}): Promise<Network[]> {
    return this.engine.requestJson({ method: 'GET', path: '/networks', query: { filters: encodeFilters(options.filters) } });
  }

  create(request: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    return this.engine.requestJson({ method: 'POST', path: '/networks/create', body: { json: request } });
  }

  /** With its member containers and their addresses. */
  inspect(id: string, options: { verbose?: boolean } = {}): Promise<Network> {
    return this.engine.requestJson({ method: 'GET', path: `/networks/${pathSegment(id)}`, query: { verbose: options.verbose } });
  }

  /** A network with containers still attached is a 403 from Docker (kind `usage`). */
  remove(id: string): Promise<void> {
    return this.engine.requestEmpty({ method: 'DELETE', path: `/networks/${pathSegment(id)}` });
  }

  /** Joins a container, running or not, to the network, with its aliases and addresses. */
  connect(id: string, request: NetworkConnectRequest): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/networks/${pathSegment(id)}/connect`, body: { json: request } });
  }

  disconnect(id: string, request: NetworkDisconnectRequest): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/networks/${pathSegment(id)}/disconnect`, body: { json: request } });
  }

  /** Removes unused networks that match (`label`, `until`); returns their names. */
  async prune(options: { filters?: Filters } = {}): Promise<string[]> {
    const answer = await this.engine.requestJson<NetworkPruneResponse>({ method: 'POST', path: '/networks/prune', query: { filters: encodeFilters(options.filters) } });
    return answer.NetworksDeleted ?? [];
  }
}
