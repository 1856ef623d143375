import { createHash } from 'node:crypto';
import { chown, cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Mount } from '../../api/types/containers.js';
import { BerthError } from '../../errors/index.js';
import { resolveInScope } from '../context/index.js';
import type { RunMount } from '../dockerfile/index.js';
import { hostItems, itemsDigest } from './copy-items.js';
import { exportImagePath } from './image-export.js';
import type { BuildContext } from './stage-context.js';

/** A RUN's mounts, ready for the container, and what the step's cache key and commit need of them. */
export interface PreparedMounts {
  mounts: Mount[];
  /** Mount targets relative to the root: left out of the committed layer. */
  targets: string[];
  /** Per mount, what its content contributes to the cache key (a bind's files; not a secret's value). */
  keys: unknown[];
  /** `env=` of secret mounts: variables the RUN sees, kept out of every config written. */
  secretEnv: string[];
  /** `sharing=locked` cache ids, held while the RUN runs. */
  locked: string[];
}

/**
 * Turns `RUN --mount`s into the container's mounts, as BuildKit gives them:
 * - `cache`: a directory under the builder's root per id (the target when no id), kept across builds;
 * - `secret`: the secret's value in a file of the build's scratch directory, read-only at
 *   `/run/secrets/<id>` unless a target is given; a required secret that was not sent fails;
 * - `bind`: a path of the context, an earlier stage or an image, read-only unless `rw` (then a
 *   copy, so writes are thrown away, as BuildKit's are);
 * - `tmpfs`: a tmpfs of the size asked for.
 * `ssh` needs an agent forwarded over BuildKit's session, which the classic API has not.
 */
export async function prepareMounts(context: BuildContext, mounts: readonly RunMount[], stage: number, workingDir: string, line: string): Promise<PreparedMounts> {
  const prepared: PreparedMounts = { mounts: [], targets: [], keys: [], secretEnv: [], locked: [] };
  for (const mount of mounts) {
    const target = mount.target !== undefined ? posix.resolve(workingDir || '/', mount.target) : undefined;
    switch (mount.type) {
      case 'cache': {
        if (target === undefined) throw mountError(line, 'a cache mount needs a target', '--mount=type=cache,target=/root/.cache');
        const id = mount.id ?? target;
        const directory = join(context.cacheMounts, createHash('sha256').update(id).digest('hex').slice(0, 32));
        await mkdir(directory, { recursive: true, mode: mount.mode ?? 0o755 });
        if (mount.uid !== undefined || mount.gid !== undefined) await chown(directory, mount.uid ?? 0, mount.gid ?? 0);
        prepared.mounts.push({ Type: 'bind', Source: directory, Target: target, ReadOnly: mount.readOnly });
        prepared.keys.push(['cache', id, target]);
        if (mount.sharing === 'locked') prepared.locked.push(id);
        addTarget(prepared, target);
        break;
      }
      case 'secret': {
        const id = mount.id ?? (target !== undefined ? posix.basename(target) : undefined);
        if (id === undefined) throw mountError(line, 'a secret mount needs an id or a target', '--mount=type=secret,id=token');
        const value = context.request.secrets.get(id);
        if (value === undefined) {
          if (mount.required) throw new BerthError({ code: 'BUILD_SECRET_MISSING', kind: 'usage', message: `${line}: secret ${id} not found`, hint: `pass the secret: in Compose list it under the service's build.secrets; with berth build, --secret id=${id},src=FILE` });
          prepared.keys.push(['secret', id, 'absent']);
          break;
        }
        const directory = await mkdtemp(join(context.scratch, 'secret-'));
        const file = join(directory, 'value');
        await writeFile(file, value, { mode: mount.mode ?? 0o400 });
        await chown(file, mount.uid ?? 0, mount.gid ?? 0);
        if (mount.env !== undefined) prepared.secretEnv.push(`${mount.env}=${value.toString('utf8')}`);
        const at = target ?? (mount.env !== undefined && mount.target === undefined ? undefined : `/run/secrets/${id}`);
        if (at !== undefined) {
          prepared.mounts.push({ Type: 'bind', Source: file, Target: at, ReadOnly: true });
          addTarget(prepared, at);
        }
        prepared.keys.push(['secret', id, at ?? null]);
        break;
      }
      case 'bind': {
        if (target === undefined) throw mountError(line, 'a bind mount needs a target', '--mount=type=bind,target=/src');
        const source = mount.source ?? '.';
        let host: string;
        let key: unknown;
        if (mount.from === undefined) {
          host = (await resolveInScope(context.request.contextDirectory, source)).hostPath;
          key = await itemsDigest(await hostItems(host, ''));
        } else {
          const image = (await context.stageImage(mount.from, stage)) ?? (await context.externalImage(mount.from));
          host = await exportImagePath(context, image, posix.resolve('/', source));
          key = `${image}\n${source}`;
        }
        if (!mount.readOnly) {
          const copy = join(await mkdtemp(join(context.scratch, 'bind-')), 'copy');
          await cp(host, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
          host = copy;
        }
        prepared.mounts.push({ Type: 'bind', Source: host, Target: target, ReadOnly: mount.readOnly });
        prepared.keys.push(['bind', mount.from ?? null, source, target, mount.readOnly, key]);
        addTarget(prepared, target);
        break;
      }
      case 'tmpfs': {
        if (target === undefined) throw mountError(line, 'a tmpfs mount needs a target', '--mount=type=tmpfs,target=/tmp');
        prepared.mounts.push({ Type: 'tmpfs', Target: target, ...(mount.size !== undefined ? { TmpfsOptions: { SizeBytes: mount.size } } : {}) });
        prepared.keys.push(['tmpfs', target, mount.size ?? null]);
        addTarget(prepared, target);
        break;
      }
      case 'ssh':
        throw mountError(line, 'RUN --mount=type=ssh needs an SSH agent forwarded by BuildKit, which berth\'s builder does not have', 'copy what the step needs with a secret mount instead: --mount=type=secret,id=key');
    }
  }
  return prepared;
}

function addTarget(prepared: PreparedMounts, target: string): void {
  const relative = target.replace(/^\/+/, '');
  if (relative !== '') prepared.targets.push(relative);
}

function mountError(line: string, problem: string, example: string): BerthError {
  return new BerthError({ code: 'BUILD_RUN_MOUNT', kind: 'usage', message: `${line}: ${problem}`, hint: `for example ${example}` });
}
