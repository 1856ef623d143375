import type { EngineEvent } from '../../api/index.js';
import { composeLabels } from '../../scheduler/index.js';

/** A container event of the project as `compose events` reports it. */
export interface ProjectEvent {
  /** Nanoseconds since the epoch (as precise as a JSON number allows). */
  timeNano: number;
  service: string;
  /** The container's full id. */
  container: string;
  /** `create`, `start`, `die`, `health_status: healthy`, ... */
  action: string;
  /** The event's attributes without Compose's own labels: `name`, `image`, `exitCode`, other labels. */
  attributes: Record<string, string>;
}

export function projectEvent(event: EngineEvent): ProjectEvent {
  const attributes = Object.fromEntries(
    Object.entries(event.Actor.Attributes ?? {})
      .filter(([key]) => !key.startsWith('com.docker.compose.'))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return {
    timeNano: event.timeNano || event.time * 1e9,
    service: event.Actor.Attributes?.[composeLabels.service] ?? '',
    container: event.Actor.ID,
    action: event.Action,
    attributes,
  };
}

/** `2024-05-01 10:00:00.123456 container start 3f2a... (image=busybox, name=demo-web-1)`, in local time. */
export function eventText(event: ProjectEvent): string {
  const { date, nanoseconds } = split(event.timeNano);
  const time = `${localDay(date)} ${localClock(date)}.${String(Math.floor(nanoseconds / 1000)).padStart(6, '0')}`;
  const attributes = Object.entries(event.attributes).map(([key, value]) => `${key}=${value}`).join(', ');
  return `${time} container ${event.action} ${event.container} (${attributes})\n`;
}

/** `{"action":"start","attributes":{...},"id":"...","service":"web","time":"2024-...","type":"container"}`: Go's map order. */
export function eventJson(event: ProjectEvent): string {
  return `${JSON.stringify({
    action: event.action,
    attributes: event.attributes,
    id: event.container,
    service: event.service,
    time: rfc3339Nano(event.timeNano),
    type: 'container',
  })}\n`;
}

/** Go's RFC3339Nano in local time: trailing zeros of the fraction dropped, `Z` for UTC. */
function rfc3339Nano(timeNano: number): string {
  const { date, nanoseconds } = split(timeNano);
  const fraction = nanoseconds === 0 ? '' : `.${String(nanoseconds).padStart(9, '0').replace(/0+$/, '')}`;
  const offset = -date.getTimezoneOffset();
  const two = (value: number): string => String(value).padStart(2, '0');
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${localDay(date)}T${localClock(date)}${fraction}${zone}`;
}

function split(timeNano: number): { date: Date; nanoseconds: number } {
  const seconds = Math.floor(timeNano / 1e9);
  const nanoseconds = Math.min(999_999_999, Math.max(0, Math.round(timeNano - seconds * 1e9)));
  return { date: new Date(seconds * 1000), nanoseconds };
}

function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function localClock(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((value) => String(value).padStart(2, '0')).join(':');
}
