import { Transform, type Readable } from 'node:stream';

const blockSize = 512;

/**
 * Ends a plain tar stream the way Go's tar reader takes it: the docker CLI's classic builder
 * sends a context whose last member is not padded to a whole block and has no end-of-archive
 * blocks when the Dockerfile comes from standard input (`docker build -f - DIR`), and dockerd
 * reads that as a complete archive. So the missing padding and end blocks are added here. A
 * gzip stream (its first bytes 1f 8b) passes unchanged: its inner tar is whole. A client that
 * goes away mid-body still fails the unpack: the request stream errors instead of ending.
 */
export function completeArchiveEnd(input: Readable): Readable {
  let length = 0;
  let head: Buffer | undefined;
  const completed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      head ??= chunk.subarray(0, 2);
      length += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const gzip = head !== undefined && head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
      if (gzip || length === 0) return done();
      const padding = (blockSize - (length % blockSize)) % blockSize;
      done(null, Buffer.alloc(padding + 2 * blockSize));
    },
  });
  input.on('error', (error) => completed.destroy(error));
  return input.pipe(completed);
}
