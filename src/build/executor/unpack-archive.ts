import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { spawn } from 'node:child_process';
import { BerthError } from '../../errors/index.js';
import { x as extractTar } from 'tar';

export type ArchiveKind = 'tar' | 'gzip' | 'bzip2' | 'xz';

const kept = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);

/**
 * Unpacks a local archive for ADD into `directory`. node-tar keeps every member inside it (no
 * absolute names, no `..`, no writing through a link) and only files, directories and links are
 * taken: devices and FIFOs have no place in an image built from a context. bzip2 and xz are
 * decompressed by Debian's own tools.
 */
export async function unpackCompressed(path: string, kind: ArchiveKind, directory: string): Promise<void> {
  const extractor = extractTar({ cwd: directory, preserveOwner: false, filter: (_path, entry) => kept.has((entry as { type: string }).type) });
  if (kind === 'tar' || kind === 'gzip') {
    await pipeline(createReadStream(path), extractor);
    return;
  }
  const tool = kind === 'bzip2' ? 'bzip2' : 'xz';
  const child = spawn(tool, ['-dc', path], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with code ${code}`))));
  });
  await Promise.all([pipeline(child.stdout, extractor), exited]).catch((error: unknown) => {
    throw new BerthError({ code: 'BUILD_ADD_ARCHIVE', kind: 'usage', message: `cannot unpack ${kind} archive for ADD: ${error instanceof Error ? error.message : String(error)}`, hint: `check the archive; unpacking it needs Debian's ${tool === 'xz' ? 'xz-utils' : 'bzip2'} package`, cause: error });
  });
}
