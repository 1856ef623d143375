import { clearEntryTag, entryTag } from '../source/node-meta.js';
import { isMapping, rewriteSequence, type KeptItem } from './tree.js';

/**
 * Applies what `!reset` and `!override` mean inside a value that has nothing left to merge with,
 * and forgets the tags: an entry tagged `!reset` is removed (in the first file too, as Compose
 * drops reset nodes while parsing), `!override` has nothing to replace and just loses its tag.
 * Works in place and returns the value.
 */
export function stripMergeTags<T>(value: T): T {
  if (Array.isArray(value)) {
    const kept: KeptItem[] = [];
    let dropped = false;
    value.forEach((item, index) => {
      if (entryTag(value, index) === 'reset') {
        dropped = true;
        return;
      }
      clearEntryTag(value, index);
      kept.push({ value: stripMergeTags(item), from: index });
    });
    if (dropped) rewriteSequence(value, kept);
    return value;
  }
  if (isMapping(value)) {
    for (const key of Object.keys(value)) {
      const tag = entryTag(value, key);
      clearEntryTag(value, key);
      if (tag === 'reset') delete value[key];
      else stripMergeTags(value[key]);
    }
  }
  return value;
}
