import { mergeMappings } from './merge-values.js';
import { stripMergeTags } from './merge-tags.js';
import { enforceUnicity } from './unicity.js';

/**
 * Phase "merge": the documents of a project, in order (each file, each YAML document of a file),
 * merged into one, later documents overriding earlier ones by Compose's rules (see
 * merge-rules.ts). `!reset` and `!override` are applied and then forgotten, and the sequences that
 * must hold each thing once are de-duplicated (unicity.ts), so the result is a plain document.
 *
 * Run it on a project of one document too: that is where that document's own `!reset` entries
 * go away and its sequences are de-duplicated, as compose-go does for every file.
 *
 * The first document is the one mutated and returned; entries taken from later documents keep
 * their source positions.
 */
export function mergeDocuments(documents: Array<Record<string, unknown>>): Record<string, unknown> {
  const [first, ...rest] = documents;
  const merged = stripMergeTags(first ?? {});
  for (const next of rest) mergeMappings(merged, next, [], { keepTags: false });
  enforceUnicity(merged);
  return merged;
}
