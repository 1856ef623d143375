import { usageError } from '../../errors/index.js';

/** How the docker CLI names Docker Hub in `login` and `logout` output, and the key its credentials live under. */
export const dockerHubServer = 'https://index.docker.io/v1/';

/**
 * The registry host a `login` or `logout` argument names, as the docker CLI reads it: a host
 * (`127.0.0.1:5000`, `ghcr.io`) or a URL whose scheme and path are dropped
 * (`https://index.docker.io/v1/`); Docker Hub (`docker.io`) when there is none.
 */
export function registryServerHost(server: string | undefined): string {
  if (server === undefined || server === '') return 'docker.io';
  const host = server.replace(/^https?:\/\//i, '').split('/')[0] ?? '';
  if (host === '') throw usageError(`"${server}" does not name a registry`, 'give a registry host such as ghcr.io or 127.0.0.1:5000, or nothing for Docker Hub');
  return host;
}
