import { EngineError, type ContainerInspect, type ContainerStatus, type EngineClient } from '../../api/index.js';
import { usageError } from '../../errors/index.js';
import { observeContainers, type ObservedContainer } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { formatList } from '../output/index.js';
import { connectEngine } from '../project-session.js';
import { projectOrName } from './project-or-name.js';
import { psFormat, psRow } from './ps-rows.js';
import type { PsCommandOptions } from './ps.js';

const states: readonly ContainerStatus[] = ['paused', 'restarting', 'removing', 'running', 'dead', 'created', 'exited'];

/**
 * `berth ps`: the project's containers, sorted by name, as Docker Compose lists them. Without `-a`
 * only running (and paused, restarting) service containers; `-a` or a status filter adds stopped
 * ones and one-off `run` containers.
 */
export async function runPs(services: string[], options: PsCommandOptions, global: GlobalOptions): Promise<void> {
  const statuses = [...options.status, ...statusFromFilter(options.filter)];
  const unknown = statuses.filter((status) => !states.includes(status as ContainerStatus));
  if (unknown.length > 0) throw usageError(`invalid status: ${unknown.join(', ')}`, `the statuses are: ${states.join(', ')}`);

  const scope = await projectOrName(global, services);
  // Until the user asks for orphans, only the services the compose file declares are listed.
  const wanted = services.length > 0 ? services : !options.orphans && scope.project ? Object.keys(scope.project.services) : undefined;
  const all = options.all || statuses.length > 0;
  const client = await connectEngine(global);
  try {
    const containers = (await observeContainers(client, scope.name))
      .filter((container) => all || (!container.oneOff && isUp(container)))
      .filter((container) => !wanted || wanted.includes(container.service))
      .filter((container) => statuses.length === 0 || statuses.includes(container.state))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    if (options.quiet) {
      process.stdout.write(containers.map((container) => `${container.id}\n`).join(''));
      return;
    }
    if (options.services) {
      process.stdout.write([...new Set(containers.map((container) => container.service))].map((service) => `${service}\n`).join(''));
      return;
    }
    const inspects = await Promise.all(containers.map((container) => inspectIfPresent(client, container.id)));
    const rows = containers.map((container, index) => psRow(container.summary, inspects[index], { truncate: options.trunc }));
    process.stdout.write(formatList(rows, options.format, psFormat));
  } finally {
    client.close();
  }
}

/** `--filter status=running`: the one filter Compose's ps knows. */
function statusFromFilter(filter: string | undefined): string[] {
  if (filter === undefined) return [];
  const equals = filter.indexOf('=');
  if (equals < 0) throw usageError('arguments to --filter should be in form KEY=VAL', 'for example --filter status=running');
  const key = filter.slice(0, equals);
  if (key === 'status') return [filter.slice(equals + 1)];
  if (key === 'source') throw usageError('--filter source=... is not implemented');
  throw usageError(`unknown filter ${key}`, 'the only filter is status, as in --filter status=running');
}

/** What `docker ps` shows without `-a`. */
function isUp(container: ObservedContainer): boolean {
  return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
}

/** A container removed between the list and the inspect is shown without its health and exit code. */
async function inspectIfPresent(client: EngineClient, id: string): Promise<ContainerInspect | undefined> {
  try {
    return await client.containers.inspect(id);
  } catch (error) {
    if (error instanceof EngineError && error.code === 'ENGINE_NOT_FOUND') return undefined;
    throw error;
  }
}
