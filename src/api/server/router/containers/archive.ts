import { pipeline } from 'node:stream/promises';
import type { ContainerPathStat } from '../../../types/containers.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import type { ContainersBackend } from './index.js';

/** The header that carries a path's stat, base64 JSON, on `HEAD` and `GET /containers/{id}/archive`. */
const statHeader = 'X-Docker-Container-Path-Stat';

/**
 * The archive routes (`docker cp`) over the engine's archive operations: the path's stat, a tar
 * of it, a tar unpacked into a directory.
 */
export function archiveHandlers({ containers }: ContainersBackend) {
  return {
    async stat(call: ApiCall): Promise<void> {
      const stat = await containers.archiveStat(call.params.id!, archivePath(call));
      call.sendText('', 'application/json', { [statHeader]: encodeStat(stat) });
    },
    async get(call: ApiCall): Promise<void> {
      const archive = await containers.getArchive(call.params.id!, archivePath(call));
      try {
        await pipeline(archive.tar, call.stream('application/x-tar', 200, { [statHeader]: encodeStat(archive.stat) }));
      } catch (error) {
        // The tar holds the container until it closes: whatever failed, it goes.
        archive.tar.destroy();
        if (!call.signal.aborted) throw error;
      }
    },
    async put(call: ApiCall): Promise<void> {
      try {
        await containers.putArchive(call.params.id!, archivePath(call), call.request, {
          noOverwriteDirNonDir: call.query.bool('noOverwriteDirNonDir'),
          copyUIDGID: call.query.bool('copyUIDGID'),
        });
      } catch (error) {
        // A client that left in the middle of its upload is not the engine's failure.
        if (call.signal.aborted) return;
        throw error;
      }
      call.sendEmpty(200);
    },
  };
}

function archivePath(call: ApiCall): string {
  const path = call.query.string('path');
  if (!path) throw badParameter("bad parameter: 'path' cannot be empty", 'name a path in the container: ?path=/etc/hosts');
  return path;
}

function encodeStat(stat: ContainerPathStat): string {
  return Buffer.from(JSON.stringify(stat)).toString('base64');
}
