import type { EngineClient } from '../../api/index.js';
import { composeLabels, projectFilter, streamProjectLogs } from '../../scheduler/index.js';
import { replicaOf, type Replica } from '../model/replica.js';
import { shortName } from '../model/short-name.js';
import type { TuiStore } from '../model/tui-store.js';

export interface FeedOptions {
  /** Unix seconds: logs and events from then on (`up` passes when it began). */
  since?: number;
  /** Lines of each container's earlier output to show first (`berth tui` on a running stack). */
  tail?: number;
  signal: AbortSignal;
}

/** A health check's output or an uptime changes without an event; this often they are read again. */
const refreshEveryMs = 2000;
/** Events come in bursts (create, start, connect); one read follows each burst. */
const settleMs = 100;

/**
 * Feeds the store from the engine until the signal aborts: every container of the project (read
 * again after each burst of its events and every two seconds), and the merged logs, followed
 * across restarts and recreates, with a note when a container starts or exits.
 */
export async function feedFromEngine(client: EngineClient, store: TuiStore, options: FeedOptions): Promise<void> {
  const project = store.state.project;
  let pending: NodeJS.Timeout | undefined;
  let reading = Promise.resolve();
  const refresh = (): void => {
    clearTimeout(pending);
    pending = undefined;
    reading = reading.then(() => readReplicas(client, store)).catch(() => undefined);
  };
  const soon = (): void => {
    pending ??= setTimeout(refresh, settleMs);
  };
  const ticker = setInterval(refresh, refreshEveryMs);
  options.signal.addEventListener('abort', () => {
    clearInterval(ticker);
    clearTimeout(pending);
  }, { once: true });
  refresh();

  const watching = (async () => {
    const events = client.events({ filters: { type: ['container'], label: projectFilter(project) }, signal: options.signal });
    for await (const event of events) {
      if ((event.Actor.Attributes[composeLabels.oneoff] ?? '').toLowerCase() !== 'true') soon();
    }
  })().catch(() => undefined);

  const note = (container: { name: string; service: string }, text: string): void =>
    store.addLog({ service: container.service, container: shortName(project, container.name), stream: 'note', text, timestamp: new Date().toISOString() });
  const logs = streamProjectLogs(
    client,
    project,
    {
      follow: true,
      timestamps: true,
      signal: options.signal,
      ...(options.since !== undefined && { since: options.since.toFixed(9), eventsSince: options.since }),
      ...(options.tail !== undefined && { tail: options.tail }),
      onAttach: (container) => note(container, '── started ──'),
      onExit: (container) => note(container, `── exited with code ${container.exitCode} ──`),
    },
    (line) => store.addLog({ service: line.service, container: shortName(project, line.container), stream: line.stream, text: line.text, ...(line.timestamp && { timestamp: line.timestamp }) }),
  ).catch((error: unknown) => {
    if (!options.signal.aborted) store.update((state) => state.errors.push({ time: Date.now(), title: 'logs', message: error instanceof Error ? error.message : String(error) }));
  });
  await Promise.all([watching, logs]);
}

async function readReplicas(client: EngineClient, store: TuiStore): Promise<void> {
  const { project } = store.state;
  const listed = await client.containers.list({ all: true, filters: { label: projectFilter(project) } });
  const own = listed.filter((container) => (container.Labels[composeLabels.oneoff] ?? '').toLowerCase() !== 'true');
  const inspected = await Promise.all(own.map((container) => client.containers.inspect(container.Id).catch(() => undefined)));
  const replicas = new Map<string, Replica[]>();
  for (const inspect of inspected) {
    if (!inspect) continue;
    const service = inspect.Config.Labels[composeLabels.service] ?? '';
    replicas.set(service, [...(replicas.get(service) ?? []), replicaOf(inspect, project)]);
  }
  store.update((state) => {
    state.replicas = replicas;
    state.now = Date.now();
  });
}
