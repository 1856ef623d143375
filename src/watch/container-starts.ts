import type { EngineClient } from '../api/index.js';
import { composeLabels, projectFilter } from '../scheduler/index.js';

/** How long to wait before following the engine's events again after the stream broke. */
const retryMs = 1000;

/**
 * Calls `onStart(service, containerId)` for every container of the project that starts from
 * `since` (Unix seconds) on, until `signal` aborts. A broken stream (the engine restarted) is
 * followed again from where it broke, so no start is missed; `onError` hears about it.
 */
export async function followContainerStarts(
  client: EngineClient,
  project: string,
  since: number,
  signal: AbortSignal,
  onStart: (service: string, container: string) => void,
  onError: (error: unknown) => void,
): Promise<void> {
  let from = since;
  while (!signal.aborted) {
    try {
      for await (const event of client.events({ since: from, filters: { type: ['container'], event: ['start'], label: projectFilter(project) }, signal })) {
        from = event.timeNano / 1e9;
        const service = event.Actor.Attributes[composeLabels.service];
        if (service !== undefined && event.Actor.Attributes[composeLabels.oneoff] !== 'True') onStart(service, event.Actor.ID);
      }
    } catch (error) {
      if (signal.aborted) return;
      onError(error);
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}
