import { isDeepStrictEqual } from 'node:util';
import { ComposeError } from '../compose-error.js';
import { clearEntryTag, copyEntryMeta, entryPosition, entryTag, setEntryPosition } from '../source/node-meta.js';
import { lookup, type MergePath } from './document-path.js';
import { keyValueMapping, namedMapping, sequence } from './list-or-mapping.js';
import { mergeRules } from './merge-rules.js';
import { stripMergeTags } from './merge-tags.js';
import { isMapping, type Mapping } from './tree.js';

export interface MergeOptions {
  /**
   * Leave the later side's `!reset` and `!override` entries, tags included, in the result.
   * `extends` and `include` merge a file's own definition over a base, and that result is merged
   * again with the project's other files; compose-go applies a file's reset paths to the earlier
   * files as well, so the marks must live until `mergeDocuments`, which strips them.
   */
  keepTags: boolean;
}

// What a `depends_on` list entry means, as compose-go fills it in when merging.
const dependsOnDefaults = { condition: 'service_started', required: true };

/**
 * Merges `override` over `base` at `path` with Compose's rules and returns the result, reusing
 * (mutating) `base`'s containers where it can so their source positions stay valid.
 */
export function mergeValue(base: unknown, override: unknown, path: MergePath, options: MergeOptions): unknown {
  const rule = lookup(mergeRules, path);
  if (rule === 'replace') return carry(override, options);
  // An override left empty (`image:`) keeps the earlier value; an empty base takes the later one.
  if (override === null || override === undefined) return base;
  if (base === null || base === undefined) return carry(override, options);
  switch (rule) {
    case 'keyValue':
      return mergeEntries(keyValueMapping(base), keyValueMapping(override), options);
    case 'sequence':
      return appendItems(sequence(base), sequence(override), options, () => true);
    case 'extraHosts': {
      const hosts = sequence(base);
      const known = [...hosts];
      return appendItems(hosts, sequence(override), options, (item) => !known.some((host) => isDeepStrictEqual(host, item)));
    }
    case 'dependsOn':
      return mergeMappings(namedMapping(base, dependsOnDefaults), namedMapping(override, dependsOnDefaults), path, options);
    case 'namedMapping':
      return mergeMappings(namedMapping(base), namedMapping(override), path, options);
    case 'build':
      return mergeDefault(buildMapping(base), buildMapping(override), path, options);
    case 'logging':
      return mergeLogging(base, override, path, options);
    case 'ipamConfig':
      return mergeIpamConfig(base, override, path, options);
    default:
      return mergeDefault(base, override, path, options);
  }
}

/** Mappings merge key by key; `!reset` removes a key, `!override` replaces its value whole. */
export function mergeMappings(base: Mapping, override: Mapping, path: MergePath, options: MergeOptions): Mapping {
  for (const key of Object.keys(override)) {
    const tag = entryTag(override, key);
    if (tag === 'reset') {
      delete base[key];
      if (options.keepTags) place(base, key, override, options);
      continue;
    }
    if (tag === 'override' || !Object.hasOwn(base, key)) {
      place(base, key, override, options);
      continue;
    }
    let merged: unknown;
    try {
      merged = mergeValue(base[key], override[key], [...path, key], options);
    } catch (error) {
      // The innermost mapping knows where the later value was written.
      throw error instanceof ComposeError && !error.position ? error.at(entryPosition(override, key)) : error;
    }
    if (merged === override[key]) copyEntryMeta(override, key, base, key);
    base[key] = merged;
  }
  return base;
}

function mergeDefault(base: unknown, override: unknown, path: MergePath, options: MergeOptions): unknown {
  if (isMapping(base)) {
    if (!isMapping(override)) throw formMismatch(path, base, override);
    return mergeMappings(base, override, path, options);
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(override)) throw formMismatch(path, base, override);
    return appendItems(base, override, options, () => true);
  }
  return carry(override, options);
}

/** Flat mappings (`environment`, `labels`...): each later key replaces, null included. */
function mergeEntries(base: Mapping, override: Mapping, options: MergeOptions): Mapping {
  for (const key of Object.keys(override)) {
    if (entryTag(override, key) === 'reset') {
      delete base[key];
      if (options.keepTags) place(base, key, override, options);
      continue;
    }
    place(base, key, override, options);
  }
  return base;
}

/** Appends the later items that `accept` lets through, dropping items tagged `!reset`. */
function appendItems(base: unknown[], override: unknown[], options: MergeOptions, accept: (item: unknown) => boolean): unknown[] {
  override.forEach((item, index) => {
    if (entryTag(override, index) === 'reset' || !accept(item)) return;
    const position = entryPosition(override, index);
    base.push(options.keepTags ? item : stripMergeTags(item));
    if (position) setEntryPosition(base, base.length - 1, position);
  });
  return base;
}

function buildMapping(value: unknown): unknown {
  return typeof value === 'string' ? { context: value } : value;
}

/** Logging options only make sense for one driver: a different driver replaces the whole block. */
function mergeLogging(base: unknown, override: unknown, path: MergePath, options: MergeOptions): unknown {
  if (!isMapping(base) || !isMapping(override)) return mergeDefault(base, override, path, options);
  const sameDriver = !Object.hasOwn(base, 'driver') || !Object.hasOwn(override, 'driver') || base.driver === override.driver;
  return sameDriver ? mergeMappings(base, override, path, options) : carry(override, options);
}

/**
 * IPAM pools are identified by their subnet: a later pool with a known subnet merges into it,
 * a pool with a new subnet is added.
 */
function mergeIpamConfig(base: unknown, override: unknown, path: MergePath, options: MergeOptions): unknown {
  if (!Array.isArray(base) || !Array.isArray(override)) return mergeDefault(base, override, path, options);
  const added = override.filter((pool, index) => {
    if (entryTag(override, index) === 'reset') return false;
    const known = isMapping(pool) ? base.findIndex((candidate) => isMapping(candidate) && candidate.subnet === pool.subnet) : -1;
    if (known === -1) return true;
    base[known] = mergeMappings(base[known] as Mapping, pool as Mapping, [...path, String(known)], options);
    return false;
  });
  return appendItems(base, override, options, (pool) => added.includes(pool));
}

function place(target: Mapping, key: string, source: Mapping, options: MergeOptions): void {
  target[key] = carry(source[key], options);
  copyEntryMeta(source, key, target, key);
  if (!options.keepTags) clearEntryTag(target, key);
}

function carry(value: unknown, options: MergeOptions): unknown {
  return options.keepTags ? value : stripMergeTags(value);
}

function formMismatch(path: MergePath, base: unknown, override: unknown): ComposeError {
  return new ComposeError({
    code: 'COMPOSE_MERGE',
    message: `this value is ${describeForm(override)} but an earlier definition is ${describeForm(base)}, and they cannot be merged`,
    path,
    hint: 'write this attribute in the same form in every file, or tag the later value with !override to replace the earlier one',
  });
}

function describeForm(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (isMapping(value)) return 'a mapping';
  return `a ${typeof value}`;
}
