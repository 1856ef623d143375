import type { Filters } from '../../../api/types/common.js';
import type { ContainerStatus } from '../../../api/types/containers.js';
import { BerthError } from '../../../errors/index.js';
import { parseReference, formatReference } from '../../images/index.js';
import { checkFilterKeys, invalidFilter, matchesAny, matchesLabels } from '../../volumes/index.js';
import type { ContainerRecord } from './container-record.js';

const statuses: readonly ContainerStatus[] = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];
const healths = ['starting', 'healthy', 'unhealthy', 'none'];
const supported = ['ancestor', 'exited', 'health', 'id', 'label', 'name', 'status', 'volume'];
/** Docker's other container filters: valid keys berth does not apply yet, refused rather than ignored. */
const unsupported = ['before', 'expose', 'is-task', 'isolation', 'network', 'publish', 'since'];

export interface ListOptions {
  /** Stopped containers too (`docker ps -a`); without it only running ones, unless a status filter is given. */
  all?: boolean;
  filters?: Filters;
}

/**
 * `docker ps` filtering, Docker's way: `id` and `name` match exactly or as a regular expression
 * (`name=^/web$`), `label=k` and `label=k=v` all must match, `status`, `exited`, `health`,
 * `volume` (a volume name or mount destination) and `ancestor` (the image reference, normalized,
 * or the image id or a prefix of it) match any of their values.
 */
export function containerFilter(options: ListOptions): (record: ContainerRecord) => boolean {
  const filters = options.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (unsupported.includes(key)) {
      throw new BerthError({ code: 'FILTER_UNSUPPORTED', kind: 'usage', message: `the container filter '${key}' is not supported by berth's engine yet`, hint: `filter by ${supported.join(', ')}` });
    }
  }
  checkFilterKeys(filters, supported);
  for (const status of filters.status ?? []) {
    if (!statuses.includes(status as ContainerStatus)) throw invalidFilter(`status=${status}`, `a status is one of ${statuses.join(', ')}`);
  }
  for (const health of filters.health ?? []) {
    if (!healths.includes(health)) throw invalidFilter(`health=${health}`, `a health is one of ${healths.join(', ')}`);
  }
  const exitCodes = (filters.exited ?? []).map((text) => {
    if (!/^-?\d+$/.test(text)) throw invalidFilter(`exited=${text}`, 'give an exit code, e.g. exited=0');
    return Number(text);
  });
  const ancestors = (filters.ancestor ?? []).map(imageKeys);
  const onlyRunning = !options.all && (filters.status ?? []).length === 0;
  return (record) =>
    (!onlyRunning || record.State.Running) &&
    matchesAny(filters, 'id', record.Id) &&
    matchesAny(filters, 'name', record.Name) &&
    matchesLabels(filters, 'label', record.Config.Labels) &&
    matchesAny(filters, 'status', record.State.Status) &&
    matchesAny(filters, 'health', record.State.Health?.Status ?? 'none') &&
    (exitCodes.length === 0 || (record.State.Status === 'exited' && exitCodes.includes(record.State.ExitCode))) &&
    (!filters.volume || record.Mounts.some((mount) => filters.volume!.some((wanted) => wanted === mount.Name || wanted === mount.Destination))) &&
    (ancestors.length === 0 || ancestors.some((keys) => matchesImage(keys, record)));
}

interface ImageKeys {
  reference: string | undefined;
  idPrefix: string | undefined;
}

/** An ancestor value as a normalized reference and, when it looks like one, an image id prefix. */
function imageKeys(value: string): ImageKeys {
  const hex = /^(sha256:)?([0-9a-f]{1,64})$/.exec(value)?.[2];
  return { reference: normalized(value), idPrefix: hex };
}

function matchesImage(keys: ImageKeys, record: ContainerRecord): boolean {
  if (keys.idPrefix !== undefined && record.Image.slice('sha256:'.length).startsWith(keys.idPrefix)) return true;
  return keys.reference !== undefined && keys.reference === normalized(record.Config.Image);
}

function normalized(reference: string): string | undefined {
  try {
    return formatReference(parseReference(reference));
  } catch {
    return undefined;
  }
}
