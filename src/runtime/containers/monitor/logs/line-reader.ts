import type { FileHandle } from 'node:fs/promises';

const chunkSize = 64 * 1024;

/**
 * A position in one log file from which whole lines are read. Bytes after the last newline are
 * left for the next read: conmon may be halfway through writing that line.
 */
export class LineReader {
  constructor(
    readonly handle: FileHandle,
    public offset = 0,
  ) {}

  /** Every complete line from the offset to the end of the file as it is now, without newlines. */
  async *lines(): AsyncGenerator<Buffer> {
    let carry = Buffer.alloc(0);
    let position = this.offset;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await this.handle.read(buffer, 0, chunkSize, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      let start = 0;
      for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a, start)) {
        const line = Buffer.from(data.subarray(start, newline));
        start = newline + 1;
        this.offset += line.length + 1;
        yield line;
      }
      carry = Buffer.from(data.subarray(start));
    }
  }
}
