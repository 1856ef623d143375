import type { NetworkService } from '../../../network/service/network-service.js';
import type { ContainerEngine, ContainerEvent } from '../../../runtime/containers/engine/index.js';
import type { EventHub } from './event-hub.js';

/**
 * Relays the container engine's events to the daemon's event stream in Docker's form: Action
 * `create`, `start`, `die`, ..., `health_status: healthy`; Actor.ID the container id;
 * Actor.Attributes the container's labels plus `name` and `image` (the reference it was created
 * from), `exitCode` for `die` and `signal` for `kill`, as dockerd writes them.
 *
 * A container is gone by the time its `destroy` is told, so its attributes are kept from its
 * earlier events (and, for containers older than the relay, from the list at its start) and
 * forgotten with it. Returns the function that stops the relay.
 *
 * With `networks`, a start is told after a `network connect` for each network the container
 * joined, and a `die` before a `network disconnect` for each it left, as dockerd tells them.
 */
export function relayContainerEvents(containers: ContainerEngine, hub: EventHub, networks?: Pick<NetworkService, 'inspect'>): () => void {
  const known = new Map<string, Record<string, string>>();
  for (const container of containers.list({ all: true })) {
    known.set(container.Id, { ...container.Labels, image: container.Image, name: (container.Names[0] ?? '').replace(/^\//, '') });
  }
  const attributesOf = (id: string): Record<string, string> => {
    try {
      const container = containers.inspect(id);
      const attributes = { ...container.Config.Labels, image: container.Config.Image, name: container.Name.replace(/^\//, '') };
      known.set(id, attributes);
      return attributes;
    } catch {
      return known.get(id) ?? {};
    }
  };
  const tellNetworks = (action: 'connect' | 'disconnect', id: string): void => {
    if (!networks) return;
    // The relay runs inside the engine's emit: a container or network gone meanwhile is not told, and throws nothing there.
    const names = Object.keys(attempt(() => containers.inspect(id).NetworkSettings.Networks) ?? {});
    for (const network of names.map((name) => attempt(() => networks.inspect(name)))) {
      if (network) hub.publish({ Type: 'network', Action: action, id: network.Id, attributes: { container: id, name: network.Name, type: network.Driver } });
    }
  };
  return containers.subscribe((event) => {
    const attributes = event.action === 'destroy' ? (known.get(event.id) ?? {}) : attributesOf(event.id);
    if (event.action === 'destroy') known.delete(event.id);
    if (event.action === 'start') tellNetworks('connect', event.id);
    hub.publish({ Type: 'container', Action: dockerAction(event), id: event.id, attributes: withDetails(event, attributes) });
    if (event.action === 'die') tellNetworks('disconnect', event.id);
  });
}

function dockerAction(event: ContainerEvent): string {
  return event.action === 'health_status' ? `health_status: ${event.health ?? 'none'}` : event.action;
}

function withDetails(event: ContainerEvent, attributes: Record<string, string>): Record<string, string> {
  if (event.action === 'die') return { ...attributes, exitCode: String(event.exitCode ?? 0) };
  if (event.action === 'kill' && event.signal !== undefined) return { ...attributes, signal: String(event.signal) };
  return { ...attributes };
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
