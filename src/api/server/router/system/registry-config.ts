import type { RegistryOptions } from '../../../../runtime/images/index.js';
import type { SystemInfo } from '../../../types/system.js';

/** `/info`'s RegistryConfig, with the two fields dockerd 20.10 still sends and berth has nothing for. */
export type RegistryConfig = NonNullable<SystemInfo['RegistryConfig']> & {
  AllowNondistributableArtifactsCIDRs: string[];
  AllowNondistributableArtifactsHostnames: string[];
};

/**
 * The daemon's registry settings as dockerd reports them: mirrors (normalized to
 * `scheme://host/`), insecure CIDRs (127.0.0.0/8 always, as berth always allows it), and an index
 * entry for Docker Hub and for each insecure registry named by host.
 */
export function registryConfig(options: RegistryOptions): RegistryConfig {
  const mirrors = (options.mirrors ?? []).map(normalizeMirror);
  const insecure = options.insecureRegistries ?? [];
  const cidrs = ['127.0.0.0/8', ...insecure.filter((entry) => entry.includes('/') && entry !== '127.0.0.0/8')];
  const indexConfigs: RegistryConfig['IndexConfigs'] = {
    'docker.io': { Name: 'docker.io', Mirrors: mirrors, Secure: true, Official: true },
  };
  for (const host of insecure.filter((entry) => !entry.includes('/'))) {
    indexConfigs[host] = { Name: host, Mirrors: [], Secure: false, Official: false };
  }
  return {
    AllowNondistributableArtifactsCIDRs: [],
    AllowNondistributableArtifactsHostnames: [],
    InsecureRegistryCIDRs: cidrs,
    IndexConfigs: indexConfigs,
    Mirrors: mirrors,
  };
}

/** dockerd's ValidateMirror form: `http://127.0.0.1:5000` becomes `http://127.0.0.1:5000/`. */
function normalizeMirror(mirror: string): string {
  try {
    const url = new URL(mirror);
    return `${url.protocol}//${url.host}/`;
  } catch {
    return mirror;
  }
}
