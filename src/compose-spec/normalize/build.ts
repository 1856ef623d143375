import type { DocumentPath } from '../compose-error.js';
import type { BuildConfig } from '../model/index.js';
import { normalizeByteSize } from './byte-size.js';
import type { NormalizeContext } from './context.js';
import { resolveBuildArgs } from './environment.js';
import { fileReferences } from './file-references.js';
import { extraHosts, stringMapping } from './mappings.js';
import { invalidValue } from './normalize-error.js';
import { normalizeUlimits } from './resources.js';
import { isMapping, scalarText, sortedEntries, stringList } from './values.js';

const STRING_LISTS = ['cache_from', 'cache_to', 'no_cache_filter', 'tags', 'platforms', 'entitlements'];

/**
 * `build:` in long syntax. A string is the context; the context defaults to the project
 * directory and the Dockerfile to `Dockerfile` (unless `dockerfile_inline` is given). Arguments
 * without a value take the environment's value or are dropped, as compose-go does.
 */
export function normalizeBuild(raw: unknown, context: NormalizeContext, path: DocumentPath): BuildConfig {
  const build: Record<string, unknown> = isMapping(raw) ? { ...raw } : { context: scalarText(raw) };
  build.context ??= context.projectDirectory;
  if (build.dockerfile === undefined && build.dockerfile_inline === undefined) build.dockerfile = 'Dockerfile';
  if (build.args !== undefined) build.args = resolveBuildArgs(build.args, context.environment);
  if (build.labels !== undefined) build.labels = stringMapping(build.labels);
  if (build.extra_hosts !== undefined) build.extra_hosts = extraHosts(build.extra_hosts, [...path, 'extra_hosts']);
  if (build.additional_contexts !== undefined) build.additional_contexts = additionalContexts(build.additional_contexts, [...path, 'additional_contexts']);
  if (build.ssh !== undefined) build.ssh = sshKeys(build.ssh, [...path, 'ssh']);
  if (Array.isArray(build.secrets)) build.secrets = fileReferences(build.secrets);
  if (build.shm_size !== undefined) build.shm_size = normalizeByteSize(build.shm_size, [...path, 'shm_size']);
  if (isMapping(build.ulimits)) build.ulimits = normalizeUlimits(build.ulimits);
  for (const key of ['provenance', 'sbom']) if (build[key] !== undefined) build[key] = scalarText(build[key]);
  for (const key of STRING_LISTS) if (build[key] !== undefined) build[key] = stringList(build[key]);
  return build as BuildConfig;
}

function additionalContexts(raw: unknown, path: DocumentPath): Record<string, string> {
  if (!Array.isArray(raw)) return stringMapping(raw);
  return sortedEntries(
    raw.map((entry, index) => {
      const text = scalarText(entry);
      const equals = text.indexOf('=');
      if (equals < 0) {
        throw invalidValue([...path, index], `invalid value ${text}, expected key=value`, 'name=context', 'write the entry as name=path-or-url');
      }
      return [text.slice(0, equals), text.slice(equals + 1)] as const;
    }),
  );
}

/** `default`, `id=path` or `{id: path}` as sorted `id` / `id=path` entries. */
function sshKeys(raw: unknown, path: DocumentPath): string[] {
  const keys: Array<[string, string]> = [];
  if (isMapping(raw)) {
    for (const [id, value] of Object.entries(raw)) keys.push([id, value === null || value === undefined ? '' : scalarText(value)]);
  } else {
    stringList(raw).forEach((entry, index) => {
      const equals = entry.indexOf('=');
      if (equals >= 0) keys.push([entry.slice(0, equals), entry.slice(equals + 1)]);
      else if (entry === 'default') keys.push([entry, '']);
      else throw invalidValue([...path, index], `invalid ssh key ${JSON.stringify(entry)}`, '"default" or id=path', 'write the key as id=path-to-key-or-socket');
    });
  }
  return keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, value]) => (value === '' ? id : `${id}=${value}`));
}
