import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addAbortSignal, Readable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { startGnuTar, type GnuTar } from './gnu-tar.js';
import { layerUnpackFailed } from './layer-errors.js';
import { LayerScanner } from './layer-scanner.js';
import { describeExit, lastLines, missingPackage } from '../../tools/index.js';
import { convertWhiteouts, type WhiteoutCounts } from './whiteouts.js';

export interface UnpackLayerOptions {
  /** The layer's (uncompressed) digest, for error messages: sha256:... */
  digest: string;
  /** An uncompressed tar stream (the caller decompresses gzip/zstd). */
  tar: NodeJS.ReadableStream;
  /** An empty directory that will hold the layer's files. */
  directory: string;
  signal?: AbortSignal;
}

/**
 * Unpacks one image layer into an empty directory and converts its whiteouts for overlayfs.
 *
 * The stream runs through LayerScanner on its way to GNU tar's stdin: a hostile member (absolute
 * or ".." name, hard link out, write through a symlink, device node, oversized header) stops the
 * unpack with LAYER_REFUSED before GNU tar reads that member's header. GNU tar then does the
 * writing, with its own defences as a second wall. On any failure (refusal, tar's exit status,
 * the stream's own error, the signal) tar is killed and the directory is emptied again, so a
 * caller never sees half a layer; the error is thrown (the signal's reason when aborted).
 *
 * The caller checks the layer's digest (diff_id) on the stream: a mismatch should make the
 * stream fail, which fails the unpack.
 */
export async function unpackLayer(options: UnpackLayerOptions): Promise<WhiteoutCounts> {
  const { digest, directory, signal } = options;
  signal?.throwIfAborted();
  const present = await readdir(directory);
  if (present.length > 0) {
    throw new BerthError({
      code: 'LAYER_DIRECTORY_NOT_EMPTY',
      kind: 'internal',
      message: `cannot unpack layer ${digest} into ${directory}: the directory is not empty (${present.length} entries)`,
      hint: 'each layer is unpacked into a fresh empty directory; this is a bug in the caller',
    });
  }
  const input = options.tar instanceof Readable ? options.tar : new Readable().wrap(options.tar);
  if (signal) addAbortSignal(signal, input);
  const scanner = new LayerScanner(digest);
  const tar = startGnuTar(directory);
  const stopTar = (): void => tar.kill();
  signal?.addEventListener('abort', stopTar);
  try {
    await feed(input, scanner, tar, digest);
    try {
      return await convertWhiteouts(directory, digest, scanner.markers, signal);
    } catch (error) {
      if (error instanceof BerthError || signal?.aborted) throw error;
      throw layerUnpackFailed(digest, 'converting whiteouts failed', error instanceof Error ? error.message : String(error), { cause: error });
    }
  } catch (error) {
    tar.kill();
    await tar.exited;
    await emptyDirectory(directory);
    throw signal?.aborted ? signal.reason : error;
  } finally {
    signal?.removeEventListener('abort', stopTar);
  }
}

async function feed(input: Readable, scanner: LayerScanner, tar: GnuTar, digest: string): Promise<void> {
  let tarReading = true;
  for await (const chunk of input) {
    if (!Buffer.isBuffer(chunk)) throw layerUnpackFailed(digest, 'its stream yields text, not bytes', 'the caller must not set an encoding on it');
    const allowed = scanner.write(chunk);
    if (allowed.length > 0 && !(tarReading = await tar.write(allowed))) break;
  }
  if (tarReading) {
    const rest = scanner.end();
    if (rest.length > 0) tarReading = await tar.write(rest);
    tar.end();
  }
  const exit = await tar.exited;
  if (exit.code === 0 && tarReading) return;
  const what = exit.code === 0 ? 'GNU tar stopped reading before the end of the layer' : describeExit('GNU tar', exit);
  throw layerUnpackFailed(digest, what, lastLines(tar.stderr()), { missingPackage: missingPackage(exit, 'tar') });
}

/** Leaves `directory` as it was handed over: empty. Removing never follows the layer's symlinks. */
async function emptyDirectory(directory: string): Promise<void> {
  for (const name of await readdir(directory)) await rm(join(directory, name), { recursive: true, force: true });
}
