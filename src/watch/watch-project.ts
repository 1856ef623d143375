import type { FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { errorText } from '../errors/index.js';
import { relativeInside } from '../files/relative-inside.js';
import type { ComposeSession } from '../scheduler/index.js';
import { ChangeQueue } from './change-queue.js';
import { followContainerStarts } from './container-starts.js';
import { ServiceWatch } from './service-watch.js';
import { watchEvent, type WatchSink } from './watch-events.js';
import { watchRules, type WatchRule } from './watch-rules.js';

export interface WatchOptions {
  /** The services named; every service with `develop.watch` when empty. */
  services: readonly string[];
  /** The engine's address, for the project lock the rebuilds and restarts take. */
  engine: string;
  /** Services the profiles leave out. */
  disabledServices: readonly string[];
  /** --prune: remove the image a rebuild replaced. */
  prune: boolean;
  emit: WatchSink;
  /** A batch is handed over once no change has come for this long. Default 100 ms. */
  quietMs?: number;
  /** ...or once its oldest change has waited this long. Default 1 s. */
  maxWaitMs?: number;
}

/** A running watch. */
export interface ProjectWatch {
  /** Resolves once every batch seen so far has been handled. */
  settled(): Promise<void>;
  /** Stops watching; an action already running finishes first. */
  stop(): Promise<void>;
}

const defaultQuietMs = 100;
const defaultMaxWaitMs = 1000;

/**
 * Compose's `watch`: follows the files of the services' `develop.watch` rules and keeps the
 * running stack in step (sync, sync+restart, sync+exec, restart, rebuild), until stopped.
 * Resolves once the files are being watched and the initial syncs are done; a project whose
 * rules are wrong fails here, before anything is watched.
 */
export async function watchProject(session: ComposeSession, options: WatchOptions): Promise<ProjectWatch> {
  const rules = await watchRules(session.project, options.services, session.warn);
  const since = Date.now() / 1000;
  const context = { session, engine: options.engine, disabledServices: options.disabledServices, prune: options.prune };
  const watches = new Map<string, ServiceWatch>();
  for (const rule of rules) {
    if (!watches.has(rule.service)) watches.set(rule.service, new ServiceWatch(rule.service, rules.filter((each) => each.service === rule.service), context, options.emit));
  }
  const queues = new Map(
    [...watches].map(([service, serviceWatch]) => [
      service,
      new ChangeQueue({
        quietMs: options.quietMs ?? defaultQuietMs,
        maxWaitMs: options.maxWaitMs ?? defaultMaxWaitMs,
        handle: (paths) => serviceWatch.handle(paths),
        onError: (error) => options.emit(watchEvent({ kind: 'failed', service, action: 'watch', message: errorText(error) })),
      }),
    ]),
  );

  const following = new AbortController();
  const starts = followContainerStarts(
    session.client,
    session.project.name,
    since,
    following.signal,
    (service, container) => void watches.get(service)?.arrived(container),
    (error) => options.emit(watchEvent({ kind: 'failed', service: '', action: 'follow the engine', message: errorText(error) })),
  );

  let files: FSWatcher | undefined;
  try {
    for (const serviceWatch of watches.values()) await serviceWatch.begin();
    files = await watchFiles(rules, (path) => {
      for (const [service, serviceWatch] of watches) {
        if (serviceWatch.rules.some((rule) => rule.filter.accepts(path))) queues.get(service)!.add(path);
      }
    }, (error) => options.emit(watchEvent({ kind: 'failed', service: '', action: 'watch files', message: errorText(error) })));
  } catch (error) {
    following.abort();
    await starts;
    throw error;
  }
  for (const serviceWatch of watches.values()) {
    const own = serviceWatch.rules;
    options.emit(watchEvent({ kind: 'watching', service: serviceWatch.service, actions: [...new Set(own.map((rule) => rule.action))], paths: own.map((rule) => rule.path) }));
  }

  return {
    async settled() {
      for (const queue of queues.values()) await queue.settled();
      for (const serviceWatch of watches.values()) await serviceWatch.idle();
    },
    async stop() {
      await files?.close();
      following.abort();
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await starts;
      for (const serviceWatch of watches.values()) await serviceWatch.idle();
    },
  };
}

/**
 * One file watcher over every rule's path. Directories no rule can take anything from (`.git`,
 * ignored ones) are not descended into, which keeps `node_modules` from costing a watch each.
 * Resolves once the initial scan is done, so a change made after that is seen.
 */
async function watchFiles(rules: readonly WatchRule[], onChange: (path: string) => void, onError: (error: unknown) => void): Promise<FSWatcher> {
  // Loaded here so that the commands that only read or stop a watch (down) do not load chokidar.
  const { watch } = await import('chokidar');
  const covering = (path: string): WatchRule[] => rules.filter((rule) => relativeInside(rule.path, path) !== undefined);
  const ignored = (path: string, stats?: Stats): boolean => {
    const rulesHere = covering(path);
    if (rulesHere.length === 0) return false;
    if (stats?.isDirectory()) return rulesHere.every((rule) => rule.filter.skipsDirectory(path));
    return stats !== undefined && !rulesHere.some((rule) => rule.filter.accepts(path));
  };
  const watcher = watch([...new Set(rules.map((rule) => rule.path))], { ignoreInitial: true, atomic: false, ignored });
  watcher.on('all', (_event, path) => onChange(path));
  watcher.on('error', onError);
  return new Promise<FSWatcher>((resolve) => watcher.once('ready', () => resolve(watcher)));
}

/**
 * A watch that can be switched on and off (the TUI's `w`): `start` begins one with the events
 * going to `emit`, and rejects as watchProject does (no service has `develop.watch`, a rule is
 * wrong).
 */
export interface WatchControl {
  start(emit: WatchSink): Promise<ProjectWatch>;
}
