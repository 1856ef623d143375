/**
 * DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message follows its length as a big-endian
 * 16-bit number, and one connection may carry many messages, split across or packed into
 * reads in any way.
 */
export class TcpFrames {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds bytes read from the connection; returns the messages they complete, in order. */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Buffer[] = [];
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) break;
      messages.push(this.pending.subarray(2, 2 + length));
      this.pending = this.pending.subarray(2 + length);
    }
    return messages;
  }
}

/** A message with its length in front, ready to write to a TCP connection. */
export function frame(message: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  return Buffer.concat([length, message]);
}
