import type { NetworkConnectRequest, NetworkCreateRequest, NetworkDisconnectRequest } from '../../../types/networks.js';
import type { EngineParts } from '../../engine-parts.js';
import type { ApiCall } from '../../http/route.js';

export type NetworksBackend = Pick<EngineParts, 'networks' | 'containers' | 'events'>;

/**
 * The network handlers: NetworkService has Docker's shapes, filters and texts, and the container
 * engine connects and disconnects; these read the request, call, answer, and tell the event
 * stream what changed (dockerd's network events: `name` and `type`, and `container` for
 * connect and disconnect).
 */
export class NetworkHandlers {
  constructor(private readonly backend: NetworksBackend) {}

  list(call: ApiCall): void {
    call.sendJson(this.backend.networks.list(call.query.filters()));
  }

  /** `verbose` and `scope` are swarm's: a local engine's answer is the same with them. */
  inspect(call: ApiCall): void {
    call.sendJson(this.backend.networks.inspect(call.params.id!));
  }

  async create(call: ApiCall): Promise<void> {
    const request = await call.json<NetworkCreateRequest>();
    const created = await this.backend.networks.create(request);
    const network = this.backend.networks.inspect(created.Id);
    this.tell('create', network.Id, { name: network.Name, type: network.Driver });
    call.sendJson(created, 201);
  }

  async remove(call: ApiCall): Promise<void> {
    const network = this.backend.networks.inspect(call.params.id!);
    await this.backend.networks.remove(network.Id);
    this.tell('destroy', network.Id, { name: network.Name, type: network.Driver });
    call.sendEmpty(204);
  }

  async connect(call: ApiCall): Promise<void> {
    const request = await call.json<NetworkConnectRequest>();
    const container = this.backend.containers.inspect(request.Container ?? '').Id;
    const network = this.backend.networks.inspect(call.params.id!);
    await this.backend.containers.connectNetwork(container, network.Id, request.EndpointConfig ?? {});
    this.tell('connect', network.Id, { container, name: network.Name, type: network.Driver });
    call.sendEmpty(200);
  }

  /** `Force` is for swarm's stale endpoints; a local engine disconnects the same way with it. */
  async disconnect(call: ApiCall): Promise<void> {
    const request = await call.json<NetworkDisconnectRequest>();
    const container = this.backend.containers.inspect(request.Container ?? '').Id;
    const network = this.backend.networks.inspect(call.params.id!);
    await this.backend.containers.disconnectNetwork(container, network.Id);
    this.tell('disconnect', network.Id, { container, name: network.Name, type: network.Driver });
    call.sendEmpty(200);
  }

  async prune(call: ApiCall): Promise<void> {
    const before = new Map(this.backend.networks.list().map((network) => [network.Name, network]));
    const pruned = await this.backend.networks.prune(call.query.filters());
    for (const name of pruned.NetworksDeleted ?? []) {
      const network = before.get(name);
      if (network) this.tell('destroy', network.Id, { name: network.Name, type: network.Driver });
    }
    call.sendJson(pruned);
  }

  private tell(action: string, id: string, attributes: Record<string, string>): void {
    this.backend.events.publish({ Type: 'network', Action: action, id, attributes });
  }
}
