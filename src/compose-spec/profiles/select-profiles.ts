import { ComposeError } from '../compose-error.js';

export interface ProfileSelection {
  /** Enabled services, sorted by name. */
  enabled: string[];
  /** Disabled services and the profiles that would enable them. */
  disabled: Map<string, string[]>;
  /** Every profile any service names, sorted. */
  allProfiles: string[];
}

/**
 * Compose's profile rules: a service without profiles is always enabled; one with profiles is
 * enabled when one of them is active (`*` activates all); a service named on the command line
 * activates its own profiles, so the services sharing them come along.
 */
export function selectProfiles(
  services: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  request: { profiles: readonly string[]; services: readonly string[] },
): ProfileSelection {
  const profilesOf = (name: string): string[] => {
    const value = services[name]?.profiles;
    return Array.isArray(value) ? value.map(String) : [];
  };
  for (const name of request.services) {
    if (!(name in services)) {
      throw new ComposeError({
        code: 'COMPOSE_NO_SUCH_SERVICE',
        message: `no such service: ${name}`,
        hint: `the project's services are: ${Object.keys(services).sort().join(', ') || '(none)'}`,
      });
    }
  }
  const active = new Set([...request.profiles, ...request.services.flatMap(profilesOf)]);
  const enabled: string[] = [];
  const disabled = new Map<string, string[]>();
  for (const name of Object.keys(services).sort()) {
    const profiles = profilesOf(name);
    const on = profiles.length === 0 || active.has('*') || profiles.some((profile) => active.has(profile)) || request.services.includes(name);
    if (on) enabled.push(name);
    else disabled.set(name, profiles);
  }
  const allProfiles = [...new Set(Object.keys(services).flatMap(profilesOf))].sort();
  return { enabled, disabled, allProfiles };
}
