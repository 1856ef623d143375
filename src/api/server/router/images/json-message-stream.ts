import type { Writable } from 'node:stream';
import type { ProgressMessage } from '../../../types/images.js';
import { errorAnswer } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';

/**
 * Docker's JSON message stream (pkg/streamformatter behind a WriteFlusher): one object per
 * message, each followed by `\r\n` and written as it comes. The answer (200, application/json)
 * begins with the first message, so a failure before it still gets Docker's status and
 * `{"message"}`; a failure after it is the stream's last object,
 * `{"errorDetail":{"message":...},"error":...}`, as dockerd writes it. Once the client has gone
 * nothing more is written: there is no one to tell.
 */
export class JsonMessageStream {
  private output: Writable | undefined;

  constructor(private readonly call: ApiCall) {}

  get begun(): boolean {
    return this.output !== undefined;
  }

  /** Begins the answer before any message, for operations dockerd answers 200 whatever happens (load). */
  begin(): void {
    if (!this.call.signal.aborted) this.opened();
  }

  write(message: ProgressMessage): void {
    if (this.call.signal.aborted) return;
    this.opened().write(`${JSON.stringify(message)}\r\n`);
  }

  end(): void {
    if (this.call.signal.aborted) return;
    this.opened().end();
  }

  /** Throws `error` on while the answer has not begun (the transport answers with its status); else ends the stream with it. */
  fail(error: unknown): void {
    if (this.call.signal.aborted) return;
    if (!this.output) throw error;
    const { message } = errorAnswer(error);
    this.output.end(`${JSON.stringify({ errorDetail: { message }, error: message })}\r\n`);
  }

  private opened(): Writable {
    this.output ??= this.call.stream('application/json');
    return this.output;
  }
}
