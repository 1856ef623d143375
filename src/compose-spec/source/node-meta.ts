import type { DocumentPath, SourcePosition } from '../compose-error.js';

/**
 * Side tables that remember, for each object or array parsed from a compose file, where each of
 * its entries came from and which YAML tag (`!reset`, `!override`) it carried. The phases work on
 * plain JavaScript values (what ajv and the normalizer want), and an error found at a document
 * path is placed back in its file through `locate`.
 *
 * Keeping this outside the values means a phase that mutates a container in place keeps its
 * positions for free; a phase that builds a new container calls `copyEntryMeta` for the entries
 * it carries over. Where an entry's position is lost, `locate` falls back to the nearest ancestor.
 */
export type MergeTag = 'reset' | 'override';

type Key = string | number;

const entryPositions = new WeakMap<object, Map<Key, SourcePosition>>();
const entryTags = new WeakMap<object, Map<Key, MergeTag>>();
const containerPositions = new WeakMap<object, SourcePosition>();

function tableOf<T>(tables: WeakMap<object, Map<Key, T>>, container: object): Map<Key, T> {
  let table = tables.get(container);
  if (!table) {
    table = new Map();
    tables.set(container, table);
  }
  return table;
}

/** Records where the value of `container[key]` starts. */
export function setEntryPosition(container: object, key: Key, position: SourcePosition): void {
  tableOf(entryPositions, container).set(key, position);
}

export function entryPosition(container: object, key: Key): SourcePosition | undefined {
  return entryPositions.get(container)?.get(key);
}

/** Records where a mapping or sequence itself starts. */
export function setContainerPosition(container: object, position: SourcePosition): void {
  containerPositions.set(container, position);
}

export function containerPosition(container: object): SourcePosition | undefined {
  return containerPositions.get(container);
}

export function setEntryTag(container: object, key: Key, tag: MergeTag): void {
  tableOf(entryTags, container).set(key, tag);
}

export function entryTag(container: object, key: Key): MergeTag | undefined {
  return entryTags.get(container)?.get(key);
}

export function clearEntryTag(container: object, key: Key): void {
  entryTags.get(container)?.delete(key);
}

/** Carries the position and tag of `from[fromKey]` over to `to[toKey]` (used when merging builds new containers). */
export function copyEntryMeta(from: object, fromKey: Key, to: object, toKey: Key = fromKey): void {
  const position = entryPosition(from, fromKey);
  if (position) setEntryPosition(to, toKey, position);
  const tag = entryTag(from, fromKey);
  if (tag) setEntryTag(to, toKey, tag);
}

/** Carries a container's own position and every entry's position over to another container. */
export function copyContainerMeta(from: object, to: object): void {
  const own = containerPositions.get(from);
  if (own && !containerPositions.has(to)) containerPositions.set(to, own);
  const positions = entryPositions.get(from);
  if (positions) for (const [key, position] of positions) tableOf(entryPositions, to).set(key, position);
}

/**
 * The best known position of the value at `path` under `root`: the entry's own position when it
 * is known, otherwise the position of the nearest ancestor that has one.
 */
export function locate(root: unknown, path: DocumentPath): SourcePosition | undefined {
  let best: SourcePosition | undefined = isContainer(root) ? containerPositions.get(root) : undefined;
  let current: unknown = root;
  for (const key of path) {
    if (!isContainer(current)) break;
    const position = entryPosition(current, key) ?? entryPosition(current, String(key));
    if (position) best = position;
    current = (current as Record<Key, unknown>)[key];
  }
  return best;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
