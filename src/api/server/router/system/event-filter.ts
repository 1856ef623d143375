import type { Filters } from '../../../types/common.js';
import type { EngineEvent } from '../../../types/events.js';

/**
 * `GET /events` filters, matched as dockerd's daemon/events filter matches them: every key given
 * must match, any value of a key will do. `type`, `scope` and `event` match exactly (`event`
 * by prefix when it names `health_status`, `exec_create` or `exec_start` without their
 * suffix); `container`, `network` and `volume` match the actor's id or name, whole or by prefix,
 * whatever the event's type; `image` matches the actor's id or image name, with or without its
 * tag; `label` wants all of `k` or `k=v` among the attributes.
 */
export function eventFilter(filters: Filters): (event: EngineEvent) => boolean {
  const fuzzyEvents = (filters.event ?? []).some((value) => ['health_status', 'exec_create', 'exec_start'].includes(value));
  return (event) =>
    (fuzzyEvents ? fuzzy(filters, 'event', [event.Action]) : exact(filters, 'event', [event.Action])) &&
    exact(filters, 'type', [event.Type]) &&
    exact(filters, 'scope', [event.scope]) &&
    fuzzy(filters, 'container', actorNames(event)) &&
    fuzzy(filters, 'network', actorNames(event)) &&
    fuzzy(filters, 'volume', actorNames(event)) &&
    exact(filters, 'image', imageNames(event)) &&
    labelsMatch(filters.label ?? [], event.Actor.Attributes);
}

function actorNames(event: EngineEvent): string[] {
  const name = event.Actor.Attributes.name;
  return name === undefined ? [event.Actor.ID] : [event.Actor.ID, name];
}

function imageNames(event: EngineEvent): string[] {
  const name = event.Actor.Attributes[event.Type === 'image' ? 'name' : 'image'];
  const candidates = name === undefined ? [event.Actor.ID] : [event.Actor.ID, name];
  return [...candidates, ...candidates.map(withoutTag)];
}

/** `busybox:1.36` → `busybox`; a registry port (`localhost:5000/app`) is not a tag. */
function withoutTag(reference: string): string {
  const withoutDigest = reference.split('@')[0]!;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

function exact(filters: Filters, key: string, sources: readonly string[]): boolean {
  const wanted = filters[key];
  if (!wanted || wanted.length === 0) return true;
  return sources.some((source) => wanted.includes(source));
}

function fuzzy(filters: Filters, key: string, sources: readonly string[]): boolean {
  const wanted = filters[key];
  if (!wanted || wanted.length === 0) return true;
  return sources.some((source) => wanted.some((value) => source === value || source.startsWith(value)));
}

function labelsMatch(wanted: readonly string[], attributes: Readonly<Record<string, string>>): boolean {
  return wanted.every((label) => {
    const equals = label.indexOf('=');
    if (equals < 0) return label in attributes;
    return attributes[label.slice(0, equals)] === label.slice(equals + 1);
  });
}
