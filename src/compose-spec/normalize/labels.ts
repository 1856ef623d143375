import type { DocumentPath } from '../compose-error.js';
import type { NormalizeContext } from './context.js';
import { stringMapping } from './mappings.js';
import { invalidValue } from './normalize-error.js';
import { sortedEntries, stringList } from './values.js';

/**
 * `labels` with the `label_file` files read in: a later file overrides an earlier one and the
 * explicit labels override them all, as compose-go resolves them. Label files must exist.
 * With `--no-env-resolution` the files are not read and `label_file` is kept by the caller.
 */
export function resolveLabels(
  rawLabels: unknown,
  rawFiles: unknown,
  context: NormalizeContext,
  path: DocumentPath,
): Record<string, string> | undefined {
  const explicit = rawLabels === undefined || rawLabels === null ? undefined : stringMapping(rawLabels);
  if (rawFiles === undefined || rawFiles === null) return explicit;
  const merged: Record<string, string> = {};
  stringList(rawFiles).forEach((file, index) => {
    const values = context.readEnvFile(file, { raw: false, required: true });
    if (values === undefined) {
      throw invalidValue([...path, 'label_file', index], `label file ${file} not found`, 'an existing file', `create ${file} or remove it from label_file`);
    }
    for (const [key, value] of values) merged[key] = value;
  });
  Object.assign(merged, explicit);
  return sortedEntries(Object.entries(merged));
}
