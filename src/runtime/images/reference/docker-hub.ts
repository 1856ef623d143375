/** The domain every Docker Hub reference is normalized to (`busybox` is `docker.io/library/busybox`). */
export const dockerHubDomain = 'docker.io';

/**
 * Docker Hub's legacy name ("the Docker Index"); references written with it are normalized to
 * `docker.io`, and credentials in `~/.docker/config.json` are still stored under it.
 */
export const legacyDockerHubDomain = 'index.docker.io';

/** The host that actually serves Docker Hub's registry API: `docker.io` has no `/v2/` of its own. */
export const dockerHubRegistryHost = 'registry-1.docker.io';

/** The namespace of Docker Hub's official images, implied by one-component names. */
export const officialNamespace = 'library/';

const dockerHubNames = new Set([dockerHubDomain, legacyDockerHubDomain, dockerHubRegistryHost]);

/** True for each name Docker Hub goes by, so mirrors and Hub credentials apply to all of them. */
export function isDockerHub(domain: string): boolean {
  return dockerHubNames.has(domain);
}

/** The host to send registry API requests to: Docker Hub's API host for Hub, the domain itself otherwise. */
export function registryHost(domain: string): string {
  return isDockerHub(domain) ? dockerHubRegistryHost : domain;
}
