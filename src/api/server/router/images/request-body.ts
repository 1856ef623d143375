import { PassThrough, type Readable } from 'node:stream';
import { BerthError } from '../../../../errors/index.js';
import type { ApiCall } from '../../http/route.js';

/**
 * The request body (a tarball to load or import) for an operation that may stop reading it and
 * destroy it: destroying the request itself would close the connection before the answer that
 * says why is written. What the operation leaves unread is drained, so the client finishes
 * sending and reads the answer. When the client goes away the body fails, so the operation
 * stops and lets go of what it holds.
 */
export function detachedBody(call: ApiCall): Readable {
  const body = new PassThrough();
  call.request.pipe(body);
  const abort = (): void => {
    body.destroy(new BerthError({ code: 'API_CLIENT_GONE', kind: 'unavailable', message: `the client went away while sending the body of ${call.method} ${call.path}` }));
  };
  if (call.signal.aborted) abort();
  else call.signal.addEventListener('abort', abort, { once: true });
  body.once('close', () => {
    call.signal.removeEventListener('abort', abort);
    call.request.unpipe(body);
    call.request.resume();
  });
  return body;
}
