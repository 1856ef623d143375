import type { Writable } from 'node:stream';
import { frame } from '../../../client/multiplexed-stream.js';
import { formatLogTimestamp } from '../../../../runtime/containers/monitor/index.js';
import type { ApiCall } from '../../http/route.js';
import type { ContainersBackend } from './index.js';
import { logQuery } from './log-query.js';

/**
 * `GET /containers/{id}/logs`: the container's log in Docker's json-file semantics, each message
 * in an 8-byte frame naming its stream, or raw when the container has a TTY (API 1.41 calls both
 * `application/vnd.docker.raw-stream`). The headers go at once; with `follow` the stream goes on
 * until the container stops or the client leaves, which ends the log reader with it.
 */
export async function containerLogs(call: ApiCall, { containers }: ContainersBackend): Promise<void> {
  const query = logQuery(call.query);
  const id = call.params.id!;
  const tty = containers.inspect(id).Config.Tty === true;
  const messages = containers.logs(id, {
    stdout: query.stdout,
    stderr: query.stderr,
    follow: query.follow,
    signal: call.signal,
    ...(query.since !== undefined ? { since: query.since } : {}),
    ...(query.until !== undefined ? { until: query.until } : {}),
    ...(query.tail !== undefined ? { tail: query.tail } : {}),
  });
  const body = call.stream('application/vnd.docker.raw-stream');
  try {
    for await (const message of messages) {
      const line = query.details ? Buffer.concat([Buffer.from(' '), message.text]) : message.text;
      const text = query.timestamps ? Buffer.concat([Buffer.from(`${formatLogTimestamp(message.timeNs)} `), line]) : line;
      if (!body.write(tty ? text : frame(message.stream, text))) await drained(body, call.signal);
      if (call.signal.aborted) break;
    }
  } finally {
    if (!call.signal.aborted) body.end();
  }
}

/** Waits for the client to take more, or to leave. */
function drained(body: Writable, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      body.off('drain', done).off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    body.on('drain', done).on('close', done);
    signal.addEventListener('abort', done);
  });
}
