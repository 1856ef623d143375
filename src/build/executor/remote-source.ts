import { createWriteStream } from 'node:fs';
import { mkdtemp, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../errors/index.js';
import type { BuildContext } from './stage-context.js';

export function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/**
 * ADD's remote source: the URL's body saved in the build's scratch directory, named by the
 * URL's last path segment, with the server's Last-Modified as its time (Docker's rules; a
 * remote archive is not unpacked). The body is fetched every build: its content is what the
 * cache compares.
 */
export async function downloadSource(context: BuildContext, url: string): Promise<{ path: string; name: string }> {
  const response = await fetch(url, { signal: context.signal }).catch((error: unknown) => {
    throw new BerthError({ code: 'BUILD_ADD_URL', kind: 'unavailable', message: `ADD ${url}: ${error instanceof Error ? error.message : String(error)}`, hint: 'check that the URL is reachable from the engine\'s host', cause: error });
  });
  if (!response.ok || !response.body) {
    throw new BerthError({ code: 'BUILD_ADD_URL', kind: 'not-found', message: `ADD ${url}: the server answered ${response.status} ${response.statusText}`, hint: 'check the URL' });
  }
  const name = basename(new URL(url).pathname) || 'index.html';
  const directory = await mkdtemp(join(context.scratch, 'url-'));
  const path = join(directory, name);
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(path, { mode: 0o600 }));
  const modified = Date.parse(response.headers.get('last-modified') ?? '');
  if (!Number.isNaN(modified)) await utimes(path, modified / 1000, modified / 1000);
  return { path, name };
}
