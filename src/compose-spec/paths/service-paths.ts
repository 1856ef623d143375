import { lstatSync, realpathSync } from 'node:fs';
import { isMapping, type Mapping } from '../merge/tree.js';
import { absolutePath, hostPath, isRemoteContext, isRemoteResource } from './path-forms.js';
import { resolveServiceVolumes } from './volume-paths.js';

/**
 * The relative paths of one service, in every form the raw document may hold them:
 * `build` (context string or mapping: `context`, `additional_contexts`, `ssh`), `env_file` and
 * `label_file` (string, list, long form), `extends.file`, `develop.watch[].path` and bind mounts
 * in `volumes`.
 */
export function resolveServicePaths(service: Mapping, name: string, base: string): void {
  resolveBuild(service, base);
  resolveEach(service, 'env_file', base, (entry) => {
    if (isMapping(entry)) updateString(entry, 'path', (path) => absolutePath(path, base));
  });
  resolveEach(service, 'label_file', base);
  const extendsValue = service.extends;
  if (isMapping(extendsValue)) updateString(extendsValue, 'file', (file) => (isRemoteResource(file) ? file : absolutePath(file, base)));
  const develop = service.develop;
  if (isMapping(develop) && Array.isArray(develop.watch)) {
    for (const rule of develop.watch) {
      if (isMapping(rule)) updateString(rule, 'path', (path) => followSymbolicLink(absolutePath(path, base)));
    }
  }
  if (Array.isArray(service.volumes)) resolveServiceVolumes(service.volumes, ['services', name, 'volumes'], base);
}

function resolveBuild(service: Mapping, base: string): void {
  updateString(service, 'build', (context) => contextPath(context, base));
  const build = service.build;
  if (!isMapping(build)) return;
  updateString(build, 'context', (context) => contextPath(context, base));
  const contexts = build.additional_contexts;
  if (isMapping(contexts)) {
    for (const key of Object.keys(contexts)) updateString(contexts, key, (context) => contextPath(context, base));
  } else if (Array.isArray(contexts)) {
    contexts.forEach((_, index) => updateAssignment(contexts, index, (context) => contextPath(context, base)));
  }
  // `ssh: [default, key=path]` or `{key: path}`: only paths to keys or sockets are resolved.
  const ssh = build.ssh;
  if (isMapping(ssh)) {
    for (const key of Object.keys(ssh)) updateString(ssh, key, (path) => (path === '' ? path : hostPath(path, base)));
  } else if (Array.isArray(ssh)) {
    ssh.forEach((_, index) => updateAssignment(ssh, index, (path) => hostPath(path, base)));
  }
}

function contextPath(context: string, base: string): string {
  return isRemoteContext(context) ? context : absolutePath(context, base);
}

/** A string or a list of strings (and, through `other`, long-form items) at `key`. */
function resolveEach(container: Mapping, key: string, base: string, other: (entry: unknown) => void = () => {}): void {
  updateString(container, key, (path) => absolutePath(path, base));
  const value = container[key];
  if (!Array.isArray(value)) return;
  value.forEach((entry, index) => {
    if (typeof entry === 'string') value[index] = absolutePath(entry, base);
    else other(entry);
  });
}

/** `develop.watch` follows a path that is itself a symbolic link to what it points to. */
function followSymbolicLink(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path;
  }
}

export function updateString(container: Mapping, key: string, update: (value: string) => string): void {
  const value = container[key];
  if (typeof value === 'string') container[key] = update(value);
}

/** `name=value` items: the value after the first `=` is updated; a bare name stays. */
function updateAssignment(list: unknown[], index: number, update: (value: string) => string): void {
  const item = list[index];
  if (typeof item !== 'string') return;
  const equals = item.indexOf('=');
  if (equals !== -1) list[index] = `${item.slice(0, equals)}=${update(item.slice(equals + 1))}`;
}
