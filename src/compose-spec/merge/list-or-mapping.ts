import { containerPosition, entryPosition, entryTag, setContainerPosition, setEntryPosition } from '../source/node-meta.js';
import { isMapping, type Mapping } from './tree.js';

/**
 * The conversions that let a list form merge with a mapping form. compose-go turns both sides
 * into `KEY=VALUE` sequences and de-duplicates by key afterwards; berth turns both sides into
 * mappings instead, which gives the same keys and values (the later file's value for each key) in
 * the form the rest of the loader reads. A list item without `=` becomes a key with a null value,
 * as `KEY:` would be in a mapping.
 */
export function keyValueMapping(value: unknown): Mapping {
  if (isMapping(value)) return value;
  const mapping: Mapping = {};
  keepPosition(value, mapping);
  forEachItem(value, (item, index, list) => {
    const text = String(item);
    const equals = text.indexOf('=');
    const key = equals === -1 ? text : text.slice(0, equals);
    // A key written twice in one list keeps its first place and its last value.
    mapping[key] = equals === -1 ? null : text.slice(equals + 1);
    copyItemPosition(list, index, mapping, key);
  });
  return mapping;
}

/**
 * A list of names (`[front, back]`) as a mapping of names to `defaults` (a fresh copy each), or
 * to null when there are none.
 */
export function namedMapping(value: unknown, defaults?: Mapping): Mapping {
  if (isMapping(value)) return value;
  const mapping: Mapping = {};
  keepPosition(value, mapping);
  forEachItem(value, (item, index, list) => {
    const key = String(item);
    mapping[key] = defaults ? { ...defaults } : null;
    copyItemPosition(list, index, mapping, key);
  });
  return mapping;
}

/**
 * A string as a one-item list; a list as itself; a mapping as sorted `key=value` items, one per
 * address when a value is a list (the `extra_hosts` mapping form `host: [ip1, ip2]`).
 */
export function sequence(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMapping(value)) return keyValueItems(value);
  if (value === null || value === undefined) return [];
  return [value];
}

function keyValueItems(mapping: Mapping): string[] {
  const items: string[] = [];
  for (const [key, value] of Object.entries(mapping)) {
    if (value === null || value === undefined) items.push(key);
    else if (Array.isArray(value)) for (const item of value) items.push(`${key}=${String(item)}`);
    else items.push(`${key}=${String(value)}`);
  }
  return items.sort();
}

function forEachItem(value: unknown, visit: (item: unknown, index: number, list: unknown[]) => void): void {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  list.forEach((item, index) => {
    // A `!reset` item of a list is dropped, as Compose drops it while parsing.
    if (entryTag(list, index) === 'reset') return;
    visit(item, index, list);
  });
}

function copyItemPosition(list: unknown[], index: number, mapping: Mapping, key: string): void {
  const position = entryPosition(list, index);
  if (position) setEntryPosition(mapping, key, position);
}

function keepPosition(from: unknown, to: object): void {
  if (typeof from !== 'object' || from === null) return;
  const position = containerPosition(from);
  if (position) setContainerPosition(to, position);
}
