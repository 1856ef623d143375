import { isDeepStrictEqual } from 'node:util';
import { copyEntryMeta } from '../source/node-meta.js';
import { isMapping, mergeValue, type Mapping } from '../merge/index.js';

/** The sections an included model brings in; its `name`, `x-*` and other top-level keys stay behind. */
const importedSections = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;

/**
 * Copies the resources of an included model into the including document. A resource the
 * including document defines too is merged: the included definition is the base and the local one
 * overrides it with the usual merge rules (its `!reset` and `!override` included), which is what
 * compose-go does since v2.10 (compose-spec/compose-go#835; earlier versions refused with
 * `services.web conflicts with imported resource` unless both were identical). Identical
 * definitions, as a model included twice gives, are kept once.
 */
export function importResources(document: Mapping, imported: Mapping): void {
  for (const section of importedSections) {
    const from = imported[section];
    if (!isMapping(from)) continue;
    const local = document[section];
    const to: Mapping = isMapping(local) ? local : {};
    for (const [name, definition] of Object.entries(from)) {
      if (!Object.hasOwn(to, name)) {
        to[name] = definition;
        copyEntryMeta(from, name, to, name);
        continue;
      }
      if (isDeepStrictEqual(definition, to[name])) continue;
      to[name] = mergeValue(definition, to[name], [section, name], { keepTags: true });
    }
    document[section] = to;
  }
}
