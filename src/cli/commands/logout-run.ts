import { removeDockerConfigAuth } from '../../runtime/images/index.js';
import { dockerHubServer, registryServerHost } from './registry-server.js';

/**
 * `berth logout`, as `docker logout`: forgets the credentials for the registry wherever
 * `berth login` or `docker login` put them (the credential helper, every `auths` spelling of the
 * host). Not being logged in is not an error.
 */
export async function runLogout(server: string | undefined): Promise<void> {
  const host = registryServerHost(server);
  const shown = server === undefined || server === '' ? dockerHubServer : host;
  const removed = await removeDockerConfigAuth(host);
  process.stdout.write(removed ? `Removing login credentials for ${shown}\n` : `Not logged in to ${shown}\n`);
}
