import { isMapping, type Mapping } from '../merge/tree.js';
import { absolutePath, hostPath, isRemoteResource } from './path-forms.js';
import { resolveServicePaths, updateString } from './service-paths.js';
import { resolveVolumeDevice } from './volume-paths.js';

/**
 * Phase "relative paths": every path Compose reads from the host is made absolute against
 * `baseDirectory` (the project directory, or the directory of a file `extends` takes a service
 * from), in place. The attributes are those of compose-go's paths/resolve.go:
 *
 * - `services.*`: `build` / `build.context` (not URLs, Git references or `service:` contexts),
 *   `build.additional_contexts`, `build.ssh` key paths, `env_file`, `label_file`, `extends.file`,
 *   `develop.watch[].path` (following a symbolic link), bind mount sources in `volumes`;
 * - `configs.*.file`, `secrets.*.file`;
 * - `volumes.*.driver_opts.device` for a `local` volume with `o: bind`;
 * - `include[]`: `path`, `project_directory`, `env_file`.
 *
 * `~` is the home directory. Absolute paths are kept as written.
 */
export function resolveRelativePaths(document: Record<string, unknown>, baseDirectory: string): void {
  eachEntry(document.services, (service, name) => resolveServicePaths(service, name, baseDirectory));
  for (const section of ['configs', 'secrets']) {
    eachEntry(document[section], (definition) => updateString(definition, 'file', (file) => hostPath(file, baseDirectory)));
  }
  eachEntry(document.volumes, (volume) => resolveVolumeDevice(volume, baseDirectory));
  if (Array.isArray(document.include)) resolveIncludePaths(document.include, baseDirectory);
}

function resolveIncludePaths(entries: unknown[], base: string): void {
  const resolve = (path: string): string => (isRemoteResource(path) ? path : absolutePath(path, base));
  entries.forEach((entry, index) => {
    if (typeof entry === 'string') {
      entries[index] = resolve(entry);
      return;
    }
    if (!isMapping(entry)) return;
    for (const key of ['path', 'project_directory', 'env_file']) {
      updateString(entry, key, resolve);
      const value = entry[key];
      if (!Array.isArray(value)) continue;
      value.forEach((item, at) => {
        if (typeof item === 'string') value[at] = resolve(item);
      });
    }
  });
}

function eachEntry(section: unknown, visit: (entry: Mapping, name: string) => void): void {
  if (!isMapping(section)) return;
  for (const [name, entry] of Object.entries(section)) if (isMapping(entry)) visit(entry, name);
}
