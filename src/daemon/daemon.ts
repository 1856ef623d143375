import { mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { createApiServer, engineRoutes } from '../api/server/index.js';
import type { DaemonConfig } from './config/index.js';
import { openEngine, type OpenedEngine } from './engine/open-engine.js';
import { clearSocketPath, listenOnSocket } from './host/api-socket.js';
import type { DaemonLog } from './host/daemon-log.js';
import { writePidFile, type PidFile } from './host/pid-file.js';
import { acquireStateLock, type StateLock } from './host/state-lock.js';

/** The Engine API versions the daemon speaks: what berth's routes implement, and the oldest dockerd still accepts. */
export const apiVersion = '1.41';
export const minApiVersion = '1.12';

export interface DaemonOptions {
  /** berth's version, for `Server`, `/version` and `/info`. */
  version: string;
  log: DaemonLog;
}

export interface RunningDaemon {
  readonly config: DaemonConfig;
  /**
   * The graceful shutdown: stop accepting, close every connection, close the engine without
   * stopping containers, remove the socket and the pid file, release the lock.
   */
  stop(): Promise<void>;
  /** For a forced exit: removes the socket, pid file and lock at once, leaving the engine as a crash would. */
  abandon(): void;
}

/** What the daemon has taken so far, released in the reverse order. */
interface Held {
  lock: StateLock;
  pidFile?: PidFile;
  engine?: OpenedEngine;
  socketPath?: string;
}

/**
 * Starts berth's engine daemon: takes the data root's lock, writes the pid file, makes sure no
 * other engine holds the socket, opens the engine (which repairs what a crash left), and serves
 * the Engine API on the socket. Anything that fails on the way undoes what was done before it.
 */
export async function startDaemon(config: DaemonConfig, options: DaemonOptions): Promise<RunningDaemon> {
  const { log, version } = options;
  for (const directory of [config.dataRoot, config.execRoot]) mkdirSync(directory, { recursive: true, mode: 0o711 });
  const held: Held = { lock: acquireStateLock(config.dataRoot) };
  try {
    held.pidFile = writePidFile(config.pidfile);
    await clearSocketPath(config.socketPath);
    log.info('Starting up', { version, 'data-root': config.dataRoot, 'exec-root': config.execRoot });
    if (config.configFile) log.info('Read the configuration file', { file: config.configFile });
    held.engine = await openEngine(config, log, version);
    const server = createApiServer({
      routes: engineRoutes(held.engine.parts),
      apiVersion,
      minApiVersion,
      server: `berth/${version} (linux)`,
      log: (line) => log.error(line),
    });
    const connections = trackConnections(server);
    const group = await listenOnSocket(server, config.socketPath);
    held.socketPath = config.socketPath;
    log.info('Daemon has completed initialization', { containers: held.engine.parts.containers.list({ all: true }).length });
    log.info(`API listen on ${config.socketPath}`, { mode: '0660', group });
    let stopping: Promise<void> | undefined;
    return {
      config,
      stop: () => (stopping ??= shutDown(server, connections, held, log)),
      abandon: () => releaseFiles(held),
    };
  } catch (error) {
    await held.engine?.close().catch(() => undefined);
    releaseFiles(held);
    throw error;
  }
}

async function shutDown(server: Server, connections: Set<Socket>, held: Held, log: DaemonLog): Promise<void> {
  log.info('Stopping the API: no new connections, open ones closed');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Streams (logs -f, events, attach) never end on their own; their handlers see the abort.
  for (const connection of connections) connection.destroy();
  await closed;
  log.info('Closing the engine; containers keep running under their monitors');
  await held.engine?.close();
  releaseFiles(held);
  log.info('Daemon shutdown complete');
}

/** The socket, the pid file and the lock; the engine is left as a crash would leave it, for the next start to repair. */
function releaseFiles(held: Held): void {
  if (held.socketPath) rmSync(held.socketPath, { force: true });
  held.pidFile?.remove();
  held.lock.release();
}

/** Every open connection, upgraded ones (attach, exec) included, so shutdown can close them. */
function trackConnections(server: Server): Set<Socket> {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  return connections;
}
