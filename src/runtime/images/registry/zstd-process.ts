import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../../errors/index.js';

/**
 * zstd decompression through Debian's `zstd -dc` (Node 20's zlib has no zstd): `input` is fed to
 * its stdin, its stdout is yielded. A failure of the input (a blob whose digest did not match)
 * is rethrown even when zstd itself was content; a zstd failure carries its last words. Ending
 * early kills the process.
 */
export async function* zstdDecompress(input: Readable, subject: string): AsyncGenerator<Buffer> {
  const child = spawn('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < 64 * 1024) stderr += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  exited.catch(() => undefined);
  const fed = pipeline(input, child.stdin);
  fed.catch(() => undefined);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield chunk;
    let status;
    try {
      status = await exited;
    } catch (error) {
      throw new BerthError({
        code: 'LAYER_DECOMPRESS_FAILED',
        kind: 'unavailable',
        message: `${subject}: cannot run zstd to decompress it: ${(error as Error).message}`,
        hint: 'install Debian\'s zstd package (apt-get install zstd)',
        cause: error,
      });
    }
    // The input's own failure says more than zstd's "unexpected end of file" that follows from it.
    await fed;
    if (status.code !== 0) {
      throw new BerthError({
        code: 'LAYER_DECOMPRESS_FAILED',
        kind: 'unavailable',
        message: `${subject}: zstd ${status.signal ? `was killed by ${status.signal}` : `exited with ${status.code}`}: ${stderr.trim().split('\n').slice(-2).join(' | ') || 'no message'}`,
        hint: 'the layer is not valid zstd data; pull again, or rebuild the image',
      });
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    input.destroy();
  }
}
