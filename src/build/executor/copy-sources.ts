import { mkdtemp, open, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { resolveSources } from '../context/index.js';
import { expandHeredoc, expandWord, type AddInstruction, type CopyInstruction } from '../dockerfile/index.js';
import { hostItems, itemName, itemsDigest, type CopyItem } from './copy-items.js';
import { unpackCompressed, type ArchiveKind } from './unpack-archive.js';
import { downloadSource, isUrl } from './remote-source.js';
import { exportImagePath } from './image-export.js';
import type { BuildContext, StageState } from './stage-context.js';

/** One source of a COPY or ADD, read: what it gives and how it is placed at the destination. */
export interface SourceItems {
  /** The name a file source gets in a directory destination. */
  name: string;
  /** A directory (or an unpacked archive): its contents go into the destination directory. */
  directory: boolean;
  /** Its members, named relative to the source (a file's own item has the name ''). */
  items: CopyItem[];
  /** What the cache key holds for it. */
  digest: string;
}

/**
 * Reads the sources of a COPY or ADD: paths of the build context (wildcards expanded), heredocs,
 * paths of an earlier stage or image (`--from`), and for ADD remote URLs and local tar archives,
 * which are unpacked (plain, gzip, bzip2 and xz, as Docker recognises them). Files from another
 * image or an archive are put in the build's scratch directory first.
 */
export async function readSources(context: BuildContext, state: StageState, instruction: CopyInstruction | AddInstruction, from: string | undefined): Promise<SourceItems[]> {
  const { dockerfile } = context;
  const at = { file: dockerfile.file, line: instruction.startLine };
  const lookup = state.args.lookup(state.config.Env ?? []);
  const expand = (word: string): string => expandWord(word, lookup, { escape: dockerfile.directives.escape, at });
  const sources: SourceItems[] = [];
  for (const source of instruction.sources) {
    if (source.kind === 'heredoc') {
      const content = Buffer.from(source.expand ? expandHeredoc(source.content, lookup, { at }) : source.content);
      const items: CopyItem[] = [{ kind: 'inline', name: '', mode: 0o644, mtimeMs: Date.now(), content }];
      sources.push({ name: source.name, directory: false, items, digest: await itemsDigest(items) });
      continue;
    }
    const path = expand(source.path);
    if (from !== undefined) {
      sources.push(await imageSource(context, from, path, state.stage));
    } else if (instruction.keyword === 'ADD' && isUrl(path)) {
      const file = await downloadSource(context, path);
      const items = await hostItems(file.path, '');
      sources.push({ name: file.name, directory: false, items, digest: `${path}\n${await itemsDigest(items)}` });
    } else {
      for (const resolved of await resolveSources(context.request.contextDirectory, [path])) {
        const archive = instruction.keyword === 'ADD' && resolved.stats.isFile() ? await archiveKind(resolved.hostPath) : undefined;
        const hostPath = archive ? await unpackArchive(context, resolved.hostPath, archive) : resolved.hostPath;
        const items = await hostItems(hostPath, '');
        sources.push({ name: itemName(resolved.path), directory: archive !== undefined || resolved.stats.isDirectory(), items, digest: await itemsDigest(items) });
      }
    }
  }
  return sources;
}

/** A path of an earlier stage or an image, copied out of a container of it into the scratch directory. */
async function imageSource(context: BuildContext, from: string, path: string, stage: number): Promise<SourceItems> {
  const image = (await context.stageImage(from, stage)) ?? (await context.externalImage(from));
  const hostPath = await exportImagePath(context, image, posix.resolve('/', path));
  const items = await hostItems(hostPath, '');
  return { name: itemName(path), directory: (await stat(hostPath)).isDirectory(), items, digest: `${image}\n${path}` };
}

/** Docker's sniffing of a local ADD source: a tar, plain or compressed, by its first bytes. */
async function archiveKind(path: string): Promise<ArchiveKind | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (bytesRead >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
    if (bytesRead >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
    if (bytesRead >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Unpacks a local archive into the scratch directory; its members are what ADD copies. */
async function unpackArchive(context: BuildContext, path: string, kind: ArchiveKind): Promise<string> {
  const directory = await mkdtemp(join(context.scratch, 'add-'));
  await unpackCompressed(path, kind, directory);
  return directory;
}
