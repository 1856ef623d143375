import { outputChunks, splitLines, type EngineClient, type EngineEvent } from '../../api/index.js';
import { composeLabels, projectFilter } from '../contract/labels.js';
import { bareName } from '../contract/names.js';
import { observeContainers, type ObservedContainer } from '../observe/observed-state.js';

/** One line of one container's output. */
export interface LogLine {
  /** The container's engine name: `demo-web-1`. */
  container: string;
  service: string;
  stream: 'stdout' | 'stderr';
  text: string;
  /** RFC 3339 with nanoseconds, when asked for. */
  timestamp?: string;
}

export interface ProjectLogOptions {
  /** Only these services' containers; all when empty. */
  services?: readonly string[];
  /** Keep streaming, and pick up containers as they start, restart or are recreated, until `signal` aborts. */
  follow: boolean;
  tail?: number | 'all';
  since?: string;
  until?: string;
  timestamps: boolean;
  /** Include one-off (`run`) containers. */
  oneOff?: boolean;
  signal?: AbortSignal;
  /**
   * Unix seconds from which engine events count (default: a second before the call). `up` passes
   * the time it began, so containers that started and even exited before it attached are seen.
   */
  eventsSince?: number;
  /** Called when a followed container stops, with its exit code. */
  onExit?: (container: { name: string; service: string; exitCode: number }) => void;
  /** Called when a container starts being followed (first time or again after a restart). */
  onAttach?: (container: { name: string; service: string }) => void;
}

/**
 * Streams the logs of a project's containers to `onLine`. Without `follow` it prints what each
 * container has logged and returns. With `follow` it watches the engine's events first, so that a
 * container that starts, restarts or is replaced later is followed from its start, and returns
 * only when the signal aborts.
 */
export async function streamProjectLogs(client: EngineClient, projectName: string, options: ProjectLogOptions, onLine: (line: LogLine) => void): Promise<void> {
  const wanted = (service: string): boolean => !options.services?.length || options.services.includes(service);
  const following = new Map<string, Promise<void>>();
  /** Containers whose output was already shown: when one starts again, only its new output is. */
  const seen = new Set<string>();
  const follow = (id: string, name: string, service: string): void => {
    if (following.has(id)) return;
    const resume = seen.has(id);
    seen.add(id);
    options.onAttach?.({ name, service });
    const done = streamContainer(client, { id, name, service }, options, onLine, resume)
      .catch(() => undefined)
      .finally(() => following.delete(id));
    following.set(id, done);
  };

  if (!options.follow) {
    const containers = (await observeContainers(client, projectName)).filter((container) => wanted(container.service) && (options.oneOff || !container.oneOff));
    await Promise.all(containers.map((container) => streamContainer(client, container, options, onLine).catch(() => undefined)));
    return;
  }

  const watching = new AbortController();
  options.signal?.addEventListener('abort', () => watching.abort(), { once: true });
  const events = client.events({
    // Replaying from just before the listing means a container that starts meanwhile is not missed.
    since: options.eventsSince ?? (Date.now() - 1000) / 1000,
    filters: { type: ['container'], event: ['start', 'die'], label: projectFilter(projectName) },
    signal: watching.signal,
  });
  // Events wait for the listing, so that every container already followed or replayed is known
  // when its exit comes.
  let listed = (): void => undefined;
  const listing = new Promise<void>((resolve) => (listed = resolve));
  const eventLoop = (async () => {
    for await (const event of events) {
      await listing;
      handleEvent(event);
    }
  })().catch(() => undefined);

  const replaying = new Map<string, Promise<void>>();
  const exitReports: Promise<void>[] = [];
  try {
    const containers = (await observeContainers(client, projectName)).filter((container) => wanted(container.service) && (options.oneOff || !container.oneOff));
    for (const container of containers) {
      if (container.state === 'running' || container.state === 'restarting' || container.state === 'paused') follow(container.id, container.name, container.service);
      else replay(container);
    }
  } finally {
    listed();
  }
  await eventLoop;
  await Promise.all([...following.values(), ...replaying.values()]);
  await Promise.all(exitReports);

  function handleEvent(event: EngineEvent): void {
    const service = event.Actor.Attributes[composeLabels.service] ?? '';
    const oneOff = (event.Actor.Attributes[composeLabels.oneoff] ?? '').toLowerCase() === 'true';
    if (!wanted(service) || (oneOff && !options.oneOff)) return;
    const id = event.Actor.ID;
    const name = bareName(event.Actor.Attributes.name ?? id);
    if (event.Action === 'start') follow(id, name, service);
    // A container never shown is not reported: during `up`, the container being replaced dies
    // under the same name as its successor.
    if (event.Action === 'die' && seen.has(id)) {
      const exit = { name, service, exitCode: Number(event.Actor.Attributes.exitCode ?? 0) };
      // The exit is reported after the container's last lines, as Compose prints them, and so that
      // a caller that stops following on the last exit does not cut those lines off.
      exitReports.push(Promise.all([following.get(id), replaying.get(id)]).then(() => options.onExit?.(exit)));
    }
  }

  /** A stopped container's earlier output, as `logs -f` shows before following. */
  function replay(container: ObservedContainer): void {
    seen.add(container.id);
    const done = streamContainer(client, container, { ...options, follow: false }, onLine).catch(() => undefined);
    replaying.set(container.id, done);
  }
}

async function streamContainer(
  client: EngineClient,
  container: { id: string; name: string; service: string },
  options: ProjectLogOptions,
  onLine: (line: LogLine) => void,
  resume = false,
): Promise<void> {
  const inspect = await client.containers.inspect(container.id);
  // A container started again is followed from where its last run ended: the event's own time
  // comes after the process's first lines, which would be lost.
  const lastExit = resume && !inspect.State.FinishedAt.startsWith('0001-') ? rfc3339AsSince(inspect.State.FinishedAt) : undefined;
  const response = await client.containers.logs(container.id, {
    follow: options.follow,
    // --tail limits what was there when following began; a restarted container's new run is shown whole.
    tail: resume ? 'all' : options.tail,
    since: laterSince(options.since, lastExit),
    until: options.until,
    timestamps: options.timestamps,
    signal: options.signal,
  });
  for await (const line of splitLines(outputChunks(response, inspect.Config.Tty === true))) {
    if (line.stream === 'stdin') continue;
    let text = line.text;
    let timestamp: string | undefined;
    if (options.timestamps) {
      const space = text.indexOf(' ');
      timestamp = text.slice(0, space);
      text = text.slice(space + 1);
    }
    onLine({ container: container.name, service: container.service, stream: line.stream, text, ...(timestamp ? { timestamp } : {}) });
  }
}

/** The later of two `since` values, so output already shown is never shown again. */
function laterSince(asked: string | undefined, lastExit: string | undefined): string | undefined {
  if (asked === undefined || lastExit === undefined) return asked ?? lastExit;
  return Number(lastExit) > Number(asked) ? lastExit : asked;
}

/** An RFC 3339 time (as inspect reports it) in the `seconds.nanoseconds` form that `logs?since=` reads. */
function rfc3339AsSince(time: string): string | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  return `${seconds}.${(match[2] ?? '').padEnd(9, '0')}`;
}
