import type { ContainerInspect } from '../../../types/containers.js';
import type { EventSink } from '../../events/event-hub.js';

/**
 * A container event the runtime does not emit itself (exec_create, exec_start, exec_die,
 * exec_detach, attach), with dockerd's attributes: the container's labels, `image` and `name`,
 * then the event's own (`execID`, `exitCode`).
 */
export function publishContainerEvent(events: EventSink, container: ContainerInspect, action: string, extra: Record<string, string> = {}): void {
  const attributes = { ...container.Config.Labels, image: container.Config.Image, name: container.Name.replace(/^\//, ''), ...extra };
  events.publish({ Type: 'container', Action: action, id: container.Id, attributes });
}
