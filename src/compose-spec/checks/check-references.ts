import { ComposeError } from '../compose-error.js';
import { dependencyEdges } from './service-dependencies.js';

type Resource = Readonly<Record<string, unknown>>;

export interface ReferenceCheckInput {
  services: Readonly<Record<string, Resource>>;
  networks?: Readonly<Record<string, unknown>>;
  volumes?: Readonly<Record<string, unknown>>;
  secrets?: Readonly<Record<string, unknown>>;
  configs?: Readonly<Record<string, unknown>>;
}

/**
 * Every name a service uses must be defined: services it depends on (and enabled, unless the
 * dependency is `required: false`), networks, named volumes, secrets and configs.
 */
export function checkReferences(project: ReferenceCheckInput, disabledServices: ReadonlyMap<string, string[]>): void {
  for (const name of Object.keys(project.services).sort()) {
    const service = project.services[name]!;
    for (const edge of dependencyEdges(service)) {
      if (edge.service in project.services) continue;
      const profiles = disabledServices.get(edge.service);
      if (profiles) {
        if (!edge.required) continue;
        const list = profiles.join(', ');
        throw new ComposeError({
          code: 'COMPOSE_DISABLED_DEPENDENCY',
          message: `service "${name}" depends on service "${edge.service}", which is disabled: its profiles (${list}) are not active`,
          path: ['services', name, edge.via],
          hint: `enable it with --profile ${profiles[0]} (or COMPOSE_PROFILES=${profiles[0]}), or mark the dependency required: false`,
        });
      }
      if (!edge.required) continue;
      throw new ComposeError({
        code: 'COMPOSE_UNDEFINED_SERVICE',
        message: `service "${name}" depends on undefined service "${edge.service}"`,
        path: ['services', name, edge.via],
        hint: `define a service named "${edge.service}" or remove it from ${edge.via}`,
      });
    }
    checkNamed(name, 'network', keysOf(service.networks), project.networks, 'networks');
    checkNamed(name, 'secret', sourcesOf(service.secrets), project.secrets, 'secrets');
    checkNamed(name, 'config', sourcesOf(service.configs), project.configs, 'configs');
    const namedVolumes = (Array.isArray(service.volumes) ? service.volumes : [])
      .filter((volume: { type?: string; source?: string }) => volume?.type === 'volume' && volume.source)
      .map((volume: { source: string }) => volume.source);
    checkNamed(name, 'volume', namedVolumes, project.volumes, 'volumes');
  }
}

function checkNamed(service: string, kind: string, used: string[], defined: Readonly<Record<string, unknown>> | undefined, key: string): void {
  for (const name of used) {
    if (defined && name in defined) continue;
    throw new ComposeError({
      code: `COMPOSE_UNDEFINED_${kind.toUpperCase()}`,
      message: `service "${service}" refers to undefined ${kind} "${name}"`,
      path: ['services', service, key],
      hint: `declare it at the top level (${key}: { ${name}: {} }) or correct the name`,
    });
  }
}

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value && typeof value === 'object' ? Object.keys(value) : [];
}

function sourcesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => (typeof entry === 'string' ? entry : String((entry as { source?: unknown }).source)));
}
