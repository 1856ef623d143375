/** `GET /events` (API v1.41): one JSON object per engine event, streamed as they happen. */

export type EventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'node' | 'service' | 'secret' | 'config' | 'builder';

/**
 * One event. For containers, Action is `create`, `start`, `die`, `stop`, `kill`, `destroy`,
 * `health_status: healthy` and so on, Actor.ID the container id and Actor.Attributes its labels
 * plus `name`, `image` and, for `die`, `exitCode`.
 */
export interface EngineEvent {
  /** The fields API 1.22 replaced, still filled by dockerd for container and image events: Action, Actor.ID, and the container's image. */
  status?: string;
  id?: string;
  from?: string;
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local' | 'swarm';
  /** Unix seconds. */
  time: number;
  timeNano: number;
}
