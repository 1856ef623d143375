import { lstat } from 'node:fs/promises';
import { posix, relative, sep } from 'node:path';
import type { EngineClient } from '../api/index.js';
import { BerthError } from '../errors/index.js';
import { runInContainer } from './container-command.js';
import { syncTar, type SyncCopy } from './sync-tar.js';
import type { WatchRule } from './watch-rules.js';

/** What one sync did, in container paths. */
export interface SyncOutcome {
  copied: string[];
  deleted: string[];
  /** Files (and links) copied, counting those inside copied directories. */
  files: number;
}

/**
 * Makes the containers' view of the changed `paths` of a sync rule match the host's: a path that
 * exists is copied to its place under the rule's target through the engine's archive API, one
 * that is gone is deleted with `rm -rf` in the container, as Compose does. Each container gets
 * the deletes first, so a path deleted and made again in one batch ends up copied.
 */
export async function syncFiles(client: EngineClient, containers: readonly string[], rule: WatchRule, paths: readonly string[]): Promise<SyncOutcome> {
  const copies: SyncCopy[] = [];
  const deleted: string[] = [];
  for (const hostPath of outermost(paths)) {
    const exists = await lstat(hostPath).then(() => true, () => false);
    if (exists) copies.push({ hostPath, containerPath: containerPathOf(rule, hostPath) });
    else deleted.push(containerPathOf(rule, hostPath));
  }
  let files = 0;
  await Promise.all(
    containers.map(async (container) => {
      if (deleted.length > 0) {
        const removal = await runInContainer(client, container, { Cmd: ['rm', '-rf', '--', ...deleted] });
        if (removal.exitCode !== 0) throw deleteFailed(rule, removal.exitCode, removal.output);
      }
      if (copies.length > 0) {
        const tar = syncTar(copies, rule.filter);
        await client.containers.putArchive(container, '/', tar.stream, { copyUIDGID: true });
        files = tar.files();
      }
    }),
  );
  return { copied: copies.map((copy) => copy.containerPath), deleted, files };
}

/** Where a host path of the rule lands: the target itself for the rule's own path, else under it. */
export function containerPathOf(rule: WatchRule, hostPath: string): string {
  const rel = relative(rule.path, hostPath);
  return rel === '' ? rule.target! : posix.join(rule.target!, rel.split(sep).join('/'));
}

/** The paths without those inside another of them: copying or deleting a directory covers its content. */
function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const kept: string[] = [];
  for (const path of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && path.startsWith(`${last}${sep}`)) continue;
    kept.push(path);
  }
  return kept;
}

function deleteFailed(rule: WatchRule, exitCode: number, output: string): BerthError {
  return new BerthError({
    code: 'WATCH_DELETE_FAILED',
    kind: 'conflict',
    message: `deleting files under ${rule.target} in a container of ${rule.service} failed: rm exited with ${exitCode}${output.trim() ? `: ${output.trim()}` : ''}`,
    hint: 'watch deletes with rm -rf in the container, so its image needs rm (busybox or coreutils)',
  });
}
