import type { RegistryAuth } from '../../../types/images.js';
import { fixedCredentials, type Credentials, type RegistryOptions } from '../../../../runtime/images/index.js';
import type { ApiCall } from '../../http/route.js';

/**
 * The registry options of one pull, push or distribution lookup: the daemon's (mirrors, insecure
 * registries) with the client's credentials. The docker CLI sends them in `X-Registry-Auth`,
 * base64url-encoded JSON (`{username, password, serveraddress}` or `{identitytoken}`); a header
 * that does not decode means no credentials, as dockerd takes it. `fallback` is for push, whose
 * old clients send the credentials as the body instead.
 */
export function requestRegistryOptions(call: ApiCall, daemon: RegistryOptions, fallback?: RegistryAuth): RegistryOptions {
  const header = call.request.headers['x-registry-auth'];
  const auth = typeof header === 'string' && header !== '' ? decodeRegistryAuth(header) : fallback;
  const credentials = auth && credentialsOf(auth);
  return credentials ? { ...daemon, credentials: fixedCredentials(credentials) } : daemon;
}

/** Whether the client sent `X-Registry-Auth` at all. */
export function hasRegistryAuthHeader(call: ApiCall): boolean {
  return typeof call.request.headers['x-registry-auth'] === 'string';
}

function decodeRegistryAuth(header: string): RegistryAuth | undefined {
  try {
    // Node's base64url decoder also reads the standard alphabet and padding, as some clients send it.
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as RegistryAuth) : undefined;
  } catch {
    return undefined;
  }
}

/** An identity token wins over a password, as in dockerd; a registry token has no place in berth's client and is ignored. */
function credentialsOf(auth: RegistryAuth): Credentials | undefined {
  if (typeof auth.identitytoken === 'string' && auth.identitytoken !== '') return { identityToken: auth.identitytoken };
  if (typeof auth.username === 'string' && auth.username !== '') return { username: auth.username, password: typeof auth.password === 'string' ? auth.password : '' };
  return undefined;
}
