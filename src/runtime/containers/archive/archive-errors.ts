import { BerthError } from '../../../errors/index.js';

/** Docker's 404 for a path that is not in the container (`container` as the client named it). */
export function fileNotFound(path: string, container: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_PATH_NOT_FOUND',
    kind: 'not-found',
    message: `Could not find the file ${path} in container ${container}`,
    hint: `list what is there: docker exec ${container} ls -la ${parentOf(path)}`,
  });
}

export function notADirectory(path: string): BerthError {
  return new BerthError({
    code: 'ARCHIVE_NOT_A_DIRECTORY',
    kind: 'usage',
    message: 'extraction point is not a directory',
    hint: `an archive is unpacked into a directory, and ${path} is not one; name its parent directory instead`,
  });
}

/** Docker's two refusals to write where the container may not (a read-only root, a read-only mount). */
export function readOnly(path: string, inMount: boolean): BerthError {
  return new BerthError({
    code: inMount ? 'ARCHIVE_VOLUME_READ_ONLY' : 'ARCHIVE_ROOTFS_READ_ONLY',
    kind: 'usage',
    message: inMount ? 'mounted volume is marked read-only' : 'container rootfs is marked read-only',
    hint: inMount ? `${path} is on a read-only mount; copy to a writable path` : `the container has a read-only root filesystem (--read-only); copy into one of its writable volumes instead of ${path}`,
  });
}

/** An archive member berth will not unpack: it would leave the destination, or it is not a kind of file a copy may make. */
export function memberRefused(member: string, reason: string): BerthError {
  return new BerthError({
    code: 'ARCHIVE_MEMBER_REFUSED',
    kind: 'usage',
    message: `refusing the archive member ${JSON.stringify(member)}: ${reason}`,
    hint: 'an archive for a container must keep every member inside the destination: relative names without "..", links that stay inside, and only files, directories and links',
  });
}

/** A member that cannot be placed where the container already has something else. */
export function memberConflict(message: string, hint: string): BerthError {
  return new BerthError({ code: 'ARCHIVE_MEMBER_CONFLICT', kind: 'conflict', message, hint });
}

export function badArchive(detail: string, cause: unknown): BerthError {
  return new BerthError({
    code: 'ARCHIVE_UNREADABLE',
    kind: 'usage',
    message: `Error processing tar file: ${detail}`,
    hint: 'send an uncompressed or gzip-compressed tar (Content-Type: application/x-tar)',
    cause,
  });
}

export function tooManyLinks(path: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_PATH_LOOP',
    kind: 'usage',
    message: `${path} in the container has too many levels of symbolic links`,
    hint: 'a symbolic link on this path leads to itself; name a path without the loop',
  });
}

function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
}
