import type { Readable } from 'node:stream';
import type { ContainerHandle, ContainerMonitor, LogStream, StdinAttachment } from '../monitor/index.js';
import { logRecords, recordBytes } from '../monitor/index.js';
import type { ContainerRecord } from '../records/index.js';
import type { ContainerEvent } from './engine-options.js';

/** What attaching needs of the engine. */
export interface AttachContext {
  monitor: ContainerMonitor;
  subscribe(listener: (event: ContainerEvent) => void): () => void;
  /** The container's record now; undefined once it is removed. */
  current(id: string): ContainerRecord | undefined;
  handle(record: ContainerRecord): ContainerHandle;
}

/** `POST /containers/{id}/attach`'s choices, in Docker's terms. */
export interface AttachOptions {
  /** The output the container has already written, first. */
  logs: boolean;
  /** Then its output as it comes, until it exits: waiting for its start when it is not running. */
  stream: boolean;
  stdout: boolean;
  stderr: boolean;
  /** The client's input, relayed to the container's stdin while it runs; only a container with OpenStdin takes it. */
  stdin?: Readable;
  /** Ends the attachment (the client went, or detached). */
  signal?: AbortSignal;
}

export interface AttachedOutput {
  stream: LogStream;
  data: Buffer;
}

/**
 * Docker's attach over berth's monitor: output is read from the container's log as conmon writes
 * it (not line by line: a prompt shows at once), stdin goes through conmon's attach socket
 * (attachStdin). `docker run` attaches before it starts the container, so a container that is
 * not running is waited for; the attachment ends when that run ends, when the container is
 * removed, or when `signal` aborts. As in Docker, the end of a TTY container's input ends the
 * attachment; without a TTY it only closes the container's stdin (StdinOnce: conmon does that).
 *
 * The run is watched from this call on, so a start right after it is not missed; the returned
 * output must be read to its end, or `signal` aborted.
 */
export function attachContainer(context: AttachContext, record: ContainerRecord, options: AttachOptions): AsyncGenerator<AttachedOutput> {
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const input = options.stdin && record.Config.OpenStdin ? options.stdin : undefined;
  // Input the container does not take is read and dropped, so a client that leaves is noticed.
  if (options.stdin && !input) options.stdin.resume();
  let attachment: StdinAttachment | undefined;
  let inputEnded = false;
  const run = watchRun(context, record.Id, () => {
    if (!input || stop.signal.aborted) return;
    const current = context.current(record.Id);
    if (!current) return;
    attachment = context.monitor.attachStdin(context.handle(current));
    // The container may exit before socat reaches its socket: the attachment is simply over.
    attachment.closed.catch(() => undefined);
    input.once('end', () => {
      inputEnded = true;
      if (record.Config.Tty) abort();
    });
    input.pipe(attachment.stdin);
  });
  const followUntil = options.stream ? run.ended : Promise.resolve();
  return (async function* output(): AsyncGenerator<AttachedOutput> {
    try {
      if (!options.logs && !options.stream) return;
      for await (const logged of logRecords(record.LogPath, { history: options.logs, followUntil, signal: stop.signal })) {
        if (logged.stream === 'stdout' ? options.stdout : options.stderr) yield { stream: logged.stream, data: recordBytes(logged) };
      }
    } finally {
      run.unsubscribe();
      options.signal?.removeEventListener('abort', abort);
      if (attachment) input?.unpipe(attachment.stdin);
      // Input that ended is still on its way through socat, which leaves by itself once it is relayed.
      if (!inputEnded) attachment?.detach();
    }
  })();
}

interface RunWatch {
  /** Settles when the run this attachment belongs to ends, or the container goes. */
  ended: Promise<void>;
  unsubscribe(): void;
}

/** Watches for the container's run: `onStart` once it runs (at once if it already does), `ended` once that run is over. */
function watchRun(context: AttachContext, id: string, onStart: () => void): RunWatch {
  let started = false;
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const start = (): void => {
    if (started) return;
    started = true;
    onStart();
  };
  const unsubscribe = context.subscribe((event) => {
    if (event.id !== id) return;
    if (event.action === 'start') start();
    else if (event.action === 'destroy' || (event.action === 'die' && started)) end();
  });
  const now = context.current(id);
  if (!now) end();
  else if (now.State.Running && !now.State.Restarting) start();
  return { ended, unsubscribe };
}
