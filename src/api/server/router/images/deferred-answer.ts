import { Writable } from 'node:stream';
import type { ApiCall } from '../../http/route.js';

/**
 * A body to write an answer into that begins the answer (200, `contentType`) only with its first
 * byte, as dockerd's WriteFlusher does: an operation that fails before writing anything still gets
 * Docker's status and `{"message"}`. It honours the client's pace (a write waits for the
 * response to drain) and is destroyed when the client goes, so whatever writes into it stops
 * and lets go of what it holds.
 */
export function deferredAnswer(call: ApiCall, contentType: string): Writable {
  let output: Writable | undefined;
  const opened = (): Writable => (output ??= call.stream(contentType));
  const body = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (opened().write(chunk)) done();
      else output!.once('drain', () => done());
    },
    final(done) {
      opened().end(() => done());
    },
  });
  const abort = (): void => {
    body.destroy(call.signal.reason instanceof Error ? call.signal.reason : new Error('the client went away'));
  };
  if (call.signal.aborted) abort();
  else call.signal.addEventListener('abort', abort, { once: true });
  body.once('close', () => call.signal.removeEventListener('abort', abort));
  return body;
}
