import type { EngineEvent, EventType } from '../../types/events.js';

/** What a resource's handlers report: `{Type: 'network', Action: 'create', id, attributes: {name, type}}`. */
export interface EventNote {
  Type: EventType;
  Action: string;
  id: string;
  attributes?: Record<string, string>;
}

/** Where handlers report the events the runtime does not emit itself (images, networks, volumes). */
export interface EventSink {
  publish(note: EventNote): void;
}

/** Docker keeps the last events in memory for `since`; so does berth, this many of them. */
const historyLength = 1024;

/**
 * The engine's event stream: every event once, in order, to each subscriber, and the most recent
 * ones kept so `GET /events?since=` can replay them as dockerd does.
 */
export class EventHub implements EventSink {
  private readonly history: EngineEvent[] = [];
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  publish(note: EventNote): void {
    const nanos = BigInt(Date.now()) * 1_000_000n + process.hrtime.bigint() % 1_000_000n;
    const event: EngineEvent = {
      // Older clients (docker-compose v1, through docker-py) still read these, so dockerd fills them.
      ...(note.Type === 'container' || note.Type === 'image' ? { status: note.Action, id: note.id } : {}),
      ...(note.Type === 'container' && note.attributes?.image ? { from: note.attributes.image } : {}),
      Type: note.Type,
      Action: note.Action,
      Actor: { ID: note.id, Attributes: note.attributes ?? {} },
      scope: 'local',
      time: Number(nanos / 1_000_000_000n),
      timeNano: Number(nanos),
    };
    this.history.push(event);
    if (this.history.length > historyLength) this.history.shift();
    for (const listener of this.listeners) listener(event);
  }

  /** The kept events, oldest first. */
  recent(): readonly EngineEvent[] {
    return this.history;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
