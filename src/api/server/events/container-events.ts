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
 */
export function relayContainerEvents(containers: ContainerEngine, hub: EventHub): () => void {
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
  return containers.subscribe((event) => {
    const attributes = event.action === 'destroy' ? (known.get(event.id) ?? {}) : attributesOf(event.id);
    if (event.action === 'destroy') known.delete(event.id);
    hub.publish({ Type: 'container', Action: dockerAction(event), id: event.id, attributes: withDetails(event, attributes) });
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
