import { lookup, pattern, type MergePath, type PathPattern } from './document-path.js';
import { portIdentity } from './port-identity.js';
import { isMapping, rewriteSequence, type KeptItem } from './tree.js';
import { volumeTarget } from './volume-target.js';

type Identity = (entry: unknown) => string | undefined;

/** `KEY=VALUE` and plain strings are known by what precedes `=`. */
const byKey: Identity = (entry) => (isScalar(entry) ? String(entry).split('=', 1)[0] : undefined);
const byValue: Identity = (entry) => (isScalar(entry) ? String(entry) : undefined);
const byEnvFile: Identity = (entry) => (typeof entry === 'string' ? entry : isMapping(entry) && typeof entry.path === 'string' ? entry.path : undefined);
const byDevice: Identity = (entry) => {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    return parts[1] ?? parts[0];
  }
  return isMapping(entry) && typeof entry.target === 'string' ? entry.target : undefined;
};

/** Secrets and configs are known by where they are mounted; a bare name mounts at `<directory>/<name>`. */
function byMountTarget(directory: string): Identity {
  return (entry) => {
    if (typeof entry === 'string') return `${directory}/${entry}`;
    if (!isMapping(entry)) return undefined;
    return typeof entry.target === 'string' ? entry.target : `${directory}/${String(entry.source)}`;
  };
}

/** The sequences compose-go keeps unique after merging (override/uncity.go), and by what. */
const uniqueSequences: ReadonlyArray<readonly [PathPattern, Identity]> = (
  [
    ['services.*.annotations', byKey],
    ['services.*.build.args', byKey],
    ['services.*.build.additional_contexts', byKey],
    ['services.*.build.tags', byKey],
    ['services.*.build.labels', byKey],
    ['services.*.cap_add', byKey],
    ['services.*.cap_drop', byKey],
    ['services.*.configs', byMountTarget('')],
    ['services.*.deploy.labels', byKey],
    ['services.*.devices', byDevice],
    ['services.*.dns', byKey],
    ['services.*.dns_opt', byKey],
    ['services.*.dns_search', byKey],
    ['services.*.environment', byKey],
    ['services.*.env_file', byEnvFile],
    ['services.*.expose', byValue],
    ['services.*.labels', byKey],
    ['services.*.links', byKey],
    ['services.*.networks.*.aliases', byKey],
    ['services.*.networks.*.link_local_ips', byKey],
    ['services.*.ports', portIdentity],
    ['services.*.profiles', byKey],
    ['services.*.secrets', byMountTarget('/run/secrets')],
    ['services.*.sysctls', byKey],
    ['services.*.tmpfs', byKey],
    ['services.*.volumes', volumeTarget],
    ['networks.*.labels', byKey],
    ['networks.*.ipam.options', byKey],
  ] as const
).map(([path, identity]) => [pattern(path), identity] as const);

/**
 * Removes redefinitions from the sequences that must hold each thing once: when two entries have
 * the same identity, the later one takes the earlier one's place. Entries with no identity (not
 * in a form Compose accepts) are kept for schema validation to report.
 */
export function enforceUnicity(value: unknown, path: MergePath = []): void {
  if (isMapping(value)) {
    for (const [key, item] of Object.entries(value)) enforceUnicity(item, [...path, key]);
    return;
  }
  if (!Array.isArray(value)) return;
  const identity = lookup(uniqueSequences, path);
  if (!identity) return;
  const kept: KeptItem[] = [];
  const placeOf = new Map<string, number>();
  value.forEach((entry, index) => {
    const key = identity(entry);
    const place = key === undefined ? undefined : placeOf.get(key);
    if (place === undefined) {
      if (key !== undefined) placeOf.set(key, kept.length);
      kept.push({ value: entry, from: index });
    } else {
      kept[place] = { value: entry, from: index };
    }
  });
  if (kept.length !== value.length) rewriteSequence(value, kept);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
