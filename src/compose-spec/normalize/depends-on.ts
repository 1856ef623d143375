import type { ServiceDependency } from '../model/index.js';
import { isMapping, sortedEntries } from './values.js';

type Dependencies = Record<string, ServiceDependency>;

/**
 * `depends_on` in long syntax (`condition: service_started` and `required: true` unless written),
 * plus the dependencies compose-go infers: services named by `links`, by `service:<name>` in
 * `network_mode`, `ipc`, `pid`, `uts` and `cgroup` (restarted with them), and by `volumes_from`
 * (not restarted). A written entry wins over an inferred one.
 */
export function normalizeDependsOn(service: Readonly<Record<string, unknown>>): Dependencies | undefined {
  const dependencies: Dependencies = {};
  const raw = service.depends_on;
  if (Array.isArray(raw)) {
    for (const name of raw) dependencies[String(name)] = { condition: 'service_started', required: true };
  } else if (isMapping(raw)) {
    for (const [name, entry] of Object.entries(raw)) {
      const written = isMapping(entry) ? entry : {};
      dependencies[name] = {
        ...written,
        condition: (written.condition as ServiceDependency['condition'] | undefined) ?? 'service_started',
        required: written.required === undefined ? true : Boolean(written.required),
      };
    }
  }
  const infer = (name: string, restart: boolean): void => {
    if (!Object.hasOwn(dependencies, name)) dependencies[name] = { condition: 'service_started', ...(restart && { restart }), required: true };
  };
  if (Array.isArray(service.links)) {
    for (const link of service.links) {
      const parts = String(link).split(':');
      infer(parts.length === 2 ? parts[0]! : String(link), true);
    }
  }
  for (const key of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const value = service[key];
    if (typeof value === 'string' && value.startsWith('service:')) infer(value.slice('service:'.length), true);
  }
  if (Array.isArray(service.volumes_from)) {
    for (const entry of service.volumes_from) {
      const text = String(entry);
      if (!text.startsWith('container:')) infer(text.split(':')[0]!, false);
    }
  }
  return Object.keys(dependencies).length > 0 ? sortedEntries(Object.entries(dependencies)) : undefined;
}
