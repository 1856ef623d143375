/** The C library's words for the socket errors a registry connection meets, which dockerd (Go) prints. */
const words: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'no such host',
};

/**
 * Node's reason for a failed connection with the words a Docker user knows beside the code:
 * `connect ECONNREFUSED 127.0.0.1:1 (connection refused)`, where dockerd says
 * `dial tcp 127.0.0.1:1: connect: connection refused`.
 */
export function networkErrorReason(cause: unknown): string {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const said = code === undefined ? undefined : words[code];
  return said === undefined ? reason : `${reason} (${said})`;
}
