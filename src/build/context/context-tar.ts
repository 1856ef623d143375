import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Header, Pack, ReadEntry, type WriteEntry } from 'tar';
import { contextNotFound, contextUnreadable } from './context-errors.js';
import { contextEntries } from './context-walk.js';
import { locateDockerfile, type DockerfileOption, type LocatedDockerfile } from './dockerfile-location.js';
import { findIgnoreFile, type IgnoreFile } from './ignore-file.js';
import { IgnoreRules } from './ignore-rules.js';

export interface ContextTarOptions {
  /** The Dockerfile: a path relative to the context directory (Compose's build.dockerfile) or absolute, or `{ inline }` text. Default: `Dockerfile`. */
  dockerfile?: DockerfileOption;
  /** The ignore file whose rules apply (its path, and its text). Default: the one findIgnoreFile finds. */
  ignore?: IgnoreFile;
}

/** A build context ready to send: the tar for `POST /build`, and the Dockerfile's name in it for its `dockerfile` parameter. */
export interface ContextTar {
  tar: Readable;
  dockerfile: string;
}

/** A member the tar carries that is not taken from the directory. */
interface AddedFile {
  name: string;
  content: Buffer;
  mode: number;
}

/**
 * The build context of `directory` as the docker CLI sends it: a tar with paths relative to the
 * context, what the ignore rules exclude left out, modes and times as they are, symbolic links
 * kept as links, hard links as links, owners 0:0, and no device nodes, FIFOs or sockets.
 *
 * The Dockerfile and the ignore file are always sent, even when the rules exclude them, so that
 * the daemon can read them; the daemon then drops the ones the rules exclude (see
 * removeBuildFiles). For that the tar holds the rules where the daemon looks for them: at
 * `<dockerfile>.dockerignore` when the Dockerfile's own ignore file was used, at `.dockerignore`
 * otherwise. A Dockerfile from outside the context, or inline, is added under a generated name
 * that is appended to those rules, as the docker CLI appends it to `.dockerignore`, so that it
 * never reaches the image.
 */
export async function contextTar(directory: string, options: ContextTarOptions = {}): Promise<ContextTar> {
  const root = await contextRoot(directory);
  const dockerfile = await locateDockerfile(root, directory, options.dockerfile);
  const ignore = options.ignore ?? (await findIgnoreFile(directory, dockerfile.given));
  const rules = ignore ? IgnoreRules.parse(ignore.text, displayName(root, ignore.path)) : IgnoreRules.none;

  const kept = new Set<string>();
  const added: AddedFile[] = [];
  if (dockerfile.kind === 'in-context') kept.add(dockerfile.name);
  else added.push({ name: dockerfile.name, content: dockerfile.content, mode: 0o600 });
  const placement = await rulesPlacement(root, ignore, dockerfile);
  if (placement.added) added.push(placement.added);
  else if (ignore) kept.add(placement.name);

  const entries = await contextEntries(root, { rules, kept, replaced: new Set(added.map((file) => file.name)) });
  const pack = new Pack({ cwd: root, noDirRecurse: true, onWriteEntry: ownedByRoot });
  for (const entry of entries) pack.add(entry.path);
  for (const file of added) pack.add(addedEntry(file));
  pack.end();
  return { tar: packedStream(pack), dockerfile: dockerfile.name };
}

/**
 * Where the tar carries the ignore rules for the daemon: `.dockerignore` for the context's own
 * file (or none), `<dockerfile>.dockerignore` for any other. The directory's file at that name
 * is sent as it is when it is the file used; otherwise the tar gets the rules' text there
 * instead, with a generated Dockerfile name (and its own rules' name) appended.
 */
async function rulesPlacement(root: string, ignore: IgnoreFile | undefined, dockerfile: LocatedDockerfile): Promise<{ name: string; added?: AddedFile }> {
  const contextFile = join(root, '.dockerignore');
  const folder = ignore ? await realpath(dirname(ignore.path)).catch(() => undefined) : undefined;
  const isContextFile = ignore !== undefined && folder !== undefined && join(folder, basename(ignore.path)) === contextFile;
  const name = !ignore || isContextFile ? '.dockerignore' : `${dockerfile.name}.dockerignore`;
  const appended = dockerfile.kind === 'added' ? (name === '.dockerignore' ? [dockerfile.name] : [dockerfile.name, name]) : [];
  const existing = await lstat(join(root, name)).catch(() => undefined);
  if (!ignore && appended.length === 0) return { name };
  // A link there is replaced by a file: the daemon reads the rules inside the context.
  if (ignore && appended.length === 0 && existing?.isFile() && (await realpath(ignore.path)) === join(root, name)) return { name };
  const text = ignore?.text ?? '.dockerignore';
  const content = Buffer.from(appended.length === 0 ? text : `${text}\n${appended.join('\n')}\n`);
  return { name, added: { name, content, mode: existing?.isFile() ? existing.mode & 0o7777 : 0o600 } };
}

/**
 * The tar's bytes as a Node stream; a file that cannot be read any more fails the stream with a
 * BerthError. The pack starts reading at once, so its errors are caught from the start (one
 * emitted before anyone reads is kept for the reader), and it is stopped when the reader stops.
 */
function packedStream(pack: Pack): Readable {
  pack.on('error', () => undefined);
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of pack) yield chunk as Buffer;
    } catch (error) {
      throw contextUnreadable((error as NodeJS.ErrnoException).path ?? 'the build context', error);
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  stream.once('close', () => pack.destroy());
  return stream;
}

async function contextRoot(directory: string): Promise<string> {
  const root = await realpath(directory).catch(() => {
    throw contextNotFound(directory, 'missing');
  });
  if (!(await stat(root)).isDirectory()) throw contextNotFound(directory, 'not-a-directory');
  return root;
}

/** Owners 0:0 and no owner names, as `docker build` sends its context. */
function ownedByRoot(entry: WriteEntry): void {
  if (!entry.stat) return;
  entry.stat.uid = 0;
  entry.stat.gid = 0;
  entry.myuser = '';
}

function addedEntry(file: AddedFile): ReadEntry {
  const entry = new ReadEntry(new Header({ path: file.name, type: 'File', mode: file.mode, size: file.content.length, mtime: new Date(), uid: 0, gid: 0 }));
  entry.end(file.content);
  return entry;
}

/** The ignore file's path as errors show it: relative to the context when inside it. */
function displayName(root: string, path: string): string {
  const name = relative(root, path);
  return name === '..' || name.startsWith(`..${sep}`) || isAbsolute(name) ? path : name.split(sep).join('/');
}
