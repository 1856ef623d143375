import type { Filters } from '../../../types/common.js';
import type { ContainerSummary } from '../../../types/containers.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { untilCutoff } from '../until-filter.js';
import type { ContainersBackend } from './index.js';

/** `POST /containers/prune` answer. */
export interface ContainerPruneResponse {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

const pruneFilters = ['until', 'label', 'label!'];
/** Not running, in Docker's sense: a paused or restarting container counts as running. */
const prunable = new Set(['created', 'exited', 'dead']);

/**
 * `docker container prune`: removes every stopped container the filters keep (`until`: created
 * before; `label`, `label!`: with, or without, the labels), as dockerd does: one that cannot be
 * removed is left and the others go. SpaceReclaimed stays 0: the engine does not measure
 * writable layers yet.
 */
export async function pruneContainers(call: ApiCall, { containers, events }: ContainersBackend): Promise<void> {
  const filters = call.query.filters();
  for (const key of Object.keys(filters)) if (!pruneFilters.includes(key)) throw badParameter(`Invalid filter '${key}'`, `prune filters by ${pruneFilters.join(', ')}`);
  const untilMs = untilCutoff(filters.until);
  const deleted: string[] = [];
  for (const container of containers.list({ all: true })) {
    if (!prunable.has(container.State) || !matchesLabels(filters, container) || (untilMs !== undefined && container.Created * 1000 >= untilMs)) continue;
    try {
      await containers.remove(container.Id);
      deleted.push(container.Id);
    } catch {
      // dockerd logs the one it could not remove and goes on with the rest.
    }
  }
  const answer: ContainerPruneResponse = { ContainersDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: 0 };
  events.publish({ Type: 'container', Action: 'prune', id: '', attributes: { reclaimed: '0' } });
  call.sendJson(answer);
}

/** Docker's prune label rule: every `label` matches, and not every `label!` does. */
function matchesLabels(filters: Filters, container: ContainerSummary): boolean {
  const labels = container.Labels ?? {};
  const matches = (wanted: string): boolean => {
    const [key = '', value] = splitOnce(wanted);
    return value === undefined ? key in labels : labels[key] === value;
  };
  const notWanted = filters['label!'] ?? [];
  return (filters.label ?? []).every(matches) && (notWanted.length === 0 || !notWanted.every(matches));
}

function splitOnce(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals === -1 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}
