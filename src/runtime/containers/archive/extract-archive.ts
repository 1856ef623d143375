import type { Readable } from 'node:stream';
import { resolveUser } from '../spec/index.js';
import { badArchive, fileNotFound, notADirectory, readOnly } from './archive-errors.js';
import type { ContainerTree } from './container-tree.js';
import { MemberWriter } from './member-writer.js';
import { releaseEntry } from './path-stat.js';
import { tarMembers } from '../../../files/tar-members.js';
import { TreeSession } from './tree-session.js';

export interface ExtractOptions {
  /** Refuse to replace a directory with a non-directory, or the reverse (`docker cp` always asks this). */
  noOverwriteDirNonDir?: boolean;
  /** Give every member the container user's ids (`docker cp -a`); without a user, each member keeps its own. */
  copyUIDGID?: boolean;
}

/**
 * `PUT /containers/{id}/archive`: unpacks the tar `input` into the directory `path` of the
 * container (a link there is followed). The directory must exist and be writable: not on a
 * read-only root or mount (Docker's texts). Members are unpacked as they arrive; one that is
 * refused stops the unpack there, as Docker's does, with what came before it in place.
 */
export async function extractArchive(tree: ContainerTree, path: string, input: Readable, options: ExtractOptions, container: string): Promise<void> {
  const session = new TreeSession(tree);
  try {
    const destination = await session.resolve(path, { followFinal: true });
    if (destination.kind === 'missing') throw fileNotFound(path, container);
    await releaseEntry(session, destination);
    if (!destination.stats.isDirectory()) throw notADirectory(path);
    if (destination.area.readOnly) throw readOnly(path, destination.area.mount !== undefined);
    const owner = options.copyUIDGID && tree.user ? await resolveUser(tree.root, tree.user) : undefined;
    const writer = new MemberWriter(session, destination.path, {
      noOverwriteDirNonDir: options.noOverwriteDirNonDir ?? false,
      owner: owner && { uid: owner.uid, gid: owner.gid },
    });
    for await (const entry of tarMembers(input, { damaged: badArchive })) await writer.write(entry);
    await writer.finish();
  } finally {
    await session.close();
  }
}
