import { isAbsolute, resolve } from 'node:path';
import type { Project, ServiceHook } from '../compose-spec/index.js';
import { formatDocumentPath } from '../compose-spec/index.js';
import { findIgnoreFile, IgnoreRules } from '../build/context/index.js';
import { BerthError } from '../errors/index.js';
import { relativeInside } from '../files/relative-inside.js';
import { pathFilter, type PathFilter } from './path-filter.js';

export type WatchAction = 'sync' | 'rebuild' | 'restart' | 'sync+restart' | 'sync+exec';

/** One `develop.watch` rule of one service, ready to match changes. */
export interface WatchRule {
  service: string;
  action: WatchAction;
  /** The watched path, absolute: a directory (recursively) or one file. */
  path: string;
  /** Where a sync action copies to in the container. */
  target?: string;
  /** sync+exec's command. */
  exec?: ServiceHook;
  initialSync: boolean;
  filter: PathFilter;
}

/** A sync action copies files; `restart` and `rebuild` do not. */
export function syncs(rule: WatchRule): boolean {
  return rule.action === 'sync' || rule.action === 'sync+restart' || rule.action === 'sync+exec';
}

/**
 * The watch rules of the services named (all the project's when none are), with their filters.
 * As in Compose, a named service without `develop.watch` is left out, it is an error when no
 * selected service has one, and a `rebuild` rule needs the service to have a build section. A
 * rule whose path the service also bind-mounts is left out with a warning. The load already
 * refused a sync rule without a target.
 */
export async function watchRules(project: Project, services: readonly string[], warn: (message: string) => void): Promise<WatchRule[]> {
  const names = services.length > 0 ? services : Object.keys(project.services).sort();
  const rules: WatchRule[] = [];
  for (const service of names) {
    const config = project.services[service];
    const triggers = config?.develop?.watch ?? [];
    if (triggers.length === 0) continue;
    const context = config?.build?.context !== undefined && isAbsolute(config.build.context) ? await contextIgnores(config.build.context, config.build.dockerfile, config.build.dockerfile_inline !== undefined) : undefined;
    triggers.forEach((trigger, index) => {
      const action = trigger.action as WatchAction;
      if (action === 'rebuild' && config?.build === undefined) {
        throw new BerthError({
          code: 'WATCH_REBUILD_WITHOUT_BUILD',
          kind: 'invalid-project',
          message: `can't watch service "${service}" with action rebuild: it has no build section (${formatDocumentPath(['services', service, 'develop', 'watch', index])})`,
          hint: `add build: to service "${service}" so berth can build its image, or use action: sync or restart`,
        });
      }
      const mount = (config?.volumes ?? []).find((volume) => volume.type === 'bind' && volume.source !== undefined && relativeInside(volume.source, trigger.path) !== undefined);
      if (mount) {
        // Compose's rule: the container already sees these files through the mount.
        warn(`path ${trigger.path} is also bind-mounted into service "${service}" at ${mount.target}; the container sees its changes already, so watch leaves this rule out`);
        return;
      }
      rules.push({
        service,
        action,
        path: trigger.path,
        ...(trigger.target !== undefined && { target: trigger.target }),
        ...(trigger.exec !== undefined && { exec: trigger.exec }),
        initialSync: trigger.initial_sync === true,
        filter: pathFilter({ root: trigger.path, ignore: trigger.ignore ?? [], include: trigger.include ?? [], ...(context && { context }) }),
      });
    });
  }
  if (rules.length === 0) {
    throw new BerthError({
      code: 'WATCH_NOT_CONFIGURED',
      kind: 'usage',
      message: `none of the selected services is configured for watch${services.length > 0 ? ` (${services.join(', ')})` : ''}`,
      hint: 'add a develop.watch section to a service, e.g. develop: {watch: [{path: ./src, action: sync, target: /app/src}]}',
    });
  }
  return rules;
}

/** The build context's ignore rules: Compose applies .dockerignore to the files it watches there. */
async function contextIgnores(directory: string, dockerfile: string | undefined, inline: boolean): Promise<{ directory: string; rules: IgnoreRules }> {
  const dockerfilePath = inline ? undefined : resolve(directory, dockerfile ?? 'Dockerfile');
  const file = await findIgnoreFile(directory, dockerfilePath);
  return { directory, rules: file ? IgnoreRules.parse(file.text, file.path) : IgnoreRules.none };
}
