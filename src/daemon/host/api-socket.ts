import { chmodSync, chownSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { socketGroupId, socketGroupName } from './socket-group.js';
import { socketHolderPid } from './socket-holder.js';

/** Read and write for root and the `berth` group, as dockerd's socket is for `docker`. */
const socketMode = 0o660;

/**
 * Makes `path` free for the daemon's socket. A socket some live process answers on is refused
 * (another engine listens there); a socket file nobody answers on is what a killed daemon left,
 * and is removed; anything that is not a socket is refused rather than deleted.
 */
export async function clearSocketPath(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
    return;
  }
  if (!isSocket) {
    throw new BerthError({ code: 'DAEMON_SOCKET_PATH_TAKEN', kind: 'conflict', message: `cannot listen on ${path}: the path exists and is not a socket`, hint: 'remove the file, or give the daemon another -H unix:///path/to.sock' });
  }
  if (await answers(path)) {
    const pid = socketHolderPid(path);
    throw new BerthError({
      code: 'DAEMON_SOCKET_IN_USE',
      kind: 'conflict',
      message: `another engine is listening on ${path}${pid === undefined ? '' : ` (pid ${pid})`}`,
      hint: pid === undefined ? 'stop that engine, or give this daemon another -H unix:///path/to.sock' : `stop that engine (kill ${pid}), or give this daemon another -H unix:///path/to.sock`,
    });
  }
  rmSync(path, { force: true });
}

/**
 * Listens on `path`, then gives the socket mode 0660, owner root and the `berth` group where it
 * exists (root's group otherwise). Returns the group's name.
 */
export async function listenOnSocket(server: Server, path: string): Promise<string> {
  // The socket is made 0600 and opened up after its owner is set, so no one else can connect in between.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  const gid = socketGroupId();
  chownSync(path, 0, gid ?? 0);
  chmodSync(path, socketMode);
  return gid === undefined ? 'root' : socketGroupName;
}

/** Whether something accepts a connection on the socket (a refusal means nobody listens: a stale file). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      // Accepted into the backlog but never served: still a live listener.
      socket.destroy();
      resolve(true);
    }, 2_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(false);
      else reject(new BerthError({ code: 'DAEMON_SOCKET_CHECK', kind: 'unavailable', message: `cannot tell whether another engine listens on ${path}: ${error.message}`, hint: 'run the daemon as root, or give it another -H unix:///path/to.sock', cause: error }));
    });
  });
}
