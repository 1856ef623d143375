import type { Readable, Writable } from 'node:stream';
import { frame, type StdStream } from '../../../client/multiplexed-stream.js';
import type { HijackedConnection } from '../../http/route.js';

/** How often a client whose input has ended is checked for still being there. */
const probeIntervalMs = 1000;

/**
 * A process's output on a hijacked connection: Docker's 8-byte frames, or the bytes as they are
 * with a TTY. Writes wait for the client to take them (a slow client slows the copy, not the
 * daemon's memory); once the client is gone they are dropped, and `copy` still reads its source
 * to the end so the process never blocks on a full pipe.
 *
 * A client that half-closed its side (the docker CLI does at once when it sends no stdin) may
 * later go away without a sound, and a quiet process writes nothing that would notice. So from
 * the end of its input an empty write probes the socket each second: one to a closed peer fails,
 * the socket closes, and the call's signal ends the session. Nothing goes on the wire.
 */
export class HijackedOutput {
  private probe: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: HijackedConnection,
    private readonly tty: boolean,
  ) {
    const { output, socket, input } = connection;
    // A client that resets the connection is an end like any other, not a crash.
    output.on('error', () => undefined);
    input.on('error', () => undefined);
    if (socket) {
      socket.on('error', () => undefined);
      input.once('end', () => {
        if (!this.gone) this.probe = setInterval(() => socket.write(Buffer.alloc(0)), probeIntervalMs).unref();
      });
    }
  }

  get gone(): boolean {
    return this.connection.output.destroyed || this.connection.output.writableEnded;
  }

  async write(stream: StdStream, data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.gone || bytes.length === 0) return;
    if (!this.connection.output.write(this.tty ? bytes : frame(stream, bytes))) await drained(this.connection.output);
  }

  /** Copies `source` to its end as `stream`; with `wanted` false it is read and dropped. */
  async copy(source: Readable, stream: StdStream, wanted: boolean): Promise<void> {
    for await (const chunk of source) if (wanted) await this.write(stream, chunk as Buffer);
  }

  /**
   * Ends the answer. An upgraded connection is closed whole once the output is out, as dockerd
   * closes a hijacked one; what the client still sends is read and dropped until then.
   */
  end(): void {
    clearInterval(this.probe);
    const { input, output, socket } = this.connection;
    if (this.gone) return;
    input.unpipe();
    input.resume();
    output.end(() => socket?.destroy());
  }
}

function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
  });
}
