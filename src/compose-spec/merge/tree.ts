import {
  clearEntryTag,
  containerPosition,
  copyEntryMeta,
  entryPosition,
  entryTag,
  setContainerPosition,
  setEntryPosition,
  setEntryTag,
} from '../source/node-meta.js';

/** A YAML mapping as parsed: a plain object (never an array, never null). */
export { isMapping, type RawMapping as Mapping } from '../raw-mapping.js';
import { isMapping, type RawMapping as Mapping } from '../raw-mapping.js';

/**
 * A deep copy that keeps every entry's position and merge tag, so that a service copied out of
 * the file it was written in (extends) still reports errors at its own lines.
 */
export function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) {
    const copy: unknown[] = value.map((item) => cloneTree(item));
    value.forEach((_, index) => copyEntryMeta(value, index, copy, index));
    keepContainerPosition(value, copy);
    return copy as T;
  }
  if (isMapping(value)) {
    const copy: Mapping = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = cloneTree(item);
      copyEntryMeta(value, key, copy, key);
    }
    keepContainerPosition(value, copy);
    return copy as T;
  }
  return value;
}

function keepContainerPosition(from: object, to: object): void {
  const position = containerPosition(from);
  if (position) setContainerPosition(to, position);
}

/** One item of a rewritten sequence: its value and the index it had, whose meta it keeps. */
export interface KeptItem {
  value: unknown;
  from: number;
}

/**
 * Replaces the items of `list` in place (so the parent's reference and position stay valid) and
 * moves each item's position and tag to its new index.
 */
export function rewriteSequence(list: unknown[], items: KeptItem[]): void {
  const metas = items.map((item) => ({ position: entryPosition(list, item.from), tag: entryTag(list, item.from) }));
  const previousLength = list.length;
  list.length = 0;
  items.forEach((item, index) => {
    list.push(item.value);
    const meta = metas[index]!;
    if (meta.position) setEntryPosition(list, index, meta.position);
    if (meta.tag) setEntryTag(list, index, meta.tag);
    else clearEntryTag(list, index);
  });
  for (let index = items.length; index < previousLength; index++) clearEntryTag(list, index);
}
