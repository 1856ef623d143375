import { usageError } from '../../errors/index.js';

/**
 * `-H unix:///run/berth/berth.sock` as the socket's path. berth's daemon serves only a UNIX
 * socket: TCP would expose root's engine without authentication, and fd:// needs systemd
 * socket activation, which berth does not do.
 */
export function parseUnixHost(host: string): string {
  const path = host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
  if (path === undefined) {
    throw usageError(`berth's daemon listens only on a UNIX socket, not ${JSON.stringify(host)}`, 'give -H unix:///path/to.sock (the default is unix:///run/berth/berth.sock)');
  }
  if (!path.startsWith('/')) throw usageError(`invalid socket ${JSON.stringify(host)}: the path must be absolute`, 'give -H unix:///path/to.sock');
  // sockaddr_un holds 108 bytes, the terminating NUL included.
  if (Buffer.byteLength(path) > 107) throw usageError(`socket path ${path} is too long for a UNIX socket (${Buffer.byteLength(path)} bytes, 107 at most)`, 'choose a shorter path');
  return path;
}
