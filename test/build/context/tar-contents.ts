import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';

/** One member of a tar as a test looks at it. */
export interface TarMember {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  linkpath?: string;
  body: string;
}

/** Reads a whole tar stream (plain or gzip) into its members, by name in the order they come. */
export async function tarContents(stream: Readable): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () =>
        members.set(entry.path, {
          type: entry.type,
          mode: (entry.mode ?? 0) & 0o7777,
          uid: entry.uid ?? -1,
          gid: entry.gid ?? -1,
          ...(entry.linkpath ? { linkpath: entry.linkpath } : {}),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    parser.on('error', reject);
    parser.on('close', () => resolve());
    stream.pipe(parser);
  });
  return members;
}
