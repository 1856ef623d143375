import type { Filters } from '../types/common.js';
import type { EngineEvent } from '../types/events.js';
import { encodeFilters } from './query.js';
import type { EngineRequester } from './request.js';

export interface EventsOptions {
  /**
   * Replay events from this time on, then keep streaming: Unix seconds (fractions allowed) or an
   * RFC 3339 time. Taking the time before acting and passing it here means no event of the action
   * is missed, however fast it happens.
   */
  since?: number | string;
  /** Stop at this time; without it the stream runs until aborted. */
  until?: number | string;
  /** `type`, `event`, `container`, `label`, `network`, `volume`, `image` filters. */
  filters?: Filters;
  /** Aborting ends the iteration quietly: it is the normal way to stop watching. */
  signal?: AbortSignal;
}

/** `GET /events`. */
export class EventsApi {
  constructor(private readonly engine: EngineRequester) {}

  /** The events, in order, from the moment iteration starts (or `since`). Breaking out closes the stream too. */
  async *stream(options: EventsOptions = {}): AsyncGenerator<EngineEvent, void, undefined> {
    const { signal } = options;
    try {
      yield* this.engine.requestJsonStream<EngineEvent>({
        method: 'GET',
        path: '/events',
        query: { since: options.since, until: options.until, filters: encodeFilters(options.filters) },
        signal,
      });
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}
