import { BerthError } from '../../../../errors/index.js';
import type { ImageReference } from '../../../../runtime/images/index.js';
import { familiarName, familiarString } from './image-names.js';

/** The registry client's codes for a refusal that, for a pull, means "no such image here". */
const refusals = new Set(['REGISTRY_NOT_FOUND', 'REGISTRY_UNAUTHORIZED', 'REGISTRY_DENIED']);

/**
 * The first distribution error code and message in the registry client's text
 * (`registry H refused manifest R: 404 Not Found, MANIFEST_UNKNOWN: manifest unknown`).
 */
const firstRegistryError = /: \d{3} [^,]*, ([A-Z_]+)(?:: ([^;,]*))?/;

/**
 * A registry's refusal of a manifest, in dockerd's words (distribution/errors.go), as a 404:
 *
 *   manifest for busybox:nope not found: manifest unknown: manifest unknown
 *   repository 127.0.0.1:5000/nope not found: name unknown: repository name not known to registry
 *   pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
 *
 * The registry's own code follows as dockerd prints it (`MANIFEST_UNKNOWN` as `manifest unknown`).
 * Registries answer 401 or 403 for repositories they do not have as for ones the client may not
 * see, so dockerd's "pull access denied" covers both. Other failures stay as they are.
 */
export function dockerManifestRefusal(error: unknown, reference: ImageReference): unknown {
  if (!(error instanceof BerthError) || !refusals.has(error.code)) return error;
  const found = firstRegistryError.exec(error.message);
  const code = found?.[1] ?? (error.code === 'REGISTRY_NOT_FOUND' ? 'MANIFEST_UNKNOWN' : 'DENIED');
  const said = `${code.toLowerCase().replaceAll('_', ' ')}: ${found?.[2] || defaultMessages[code] || code.toLowerCase()}`;
  const message =
    code === 'MANIFEST_UNKNOWN'
      ? `manifest for ${familiarString(reference)} not found: ${said}`
      : code === 'NAME_UNKNOWN'
        ? `repository ${familiarName(reference)} not found: ${said}`
        : `pull access denied for ${familiarName(reference)}, repository does not exist or may require 'docker login': ${said}`;
  return new BerthError({ code: 'IMAGE_NOT_IN_REGISTRY', kind: 'not-found', message, hint: error.hint, cause: error });
}

const defaultMessages: Record<string, string> = {
  MANIFEST_UNKNOWN: 'manifest unknown',
  NAME_UNKNOWN: 'repository name not known to registry',
  DENIED: 'requested access to the resource is denied',
  UNAUTHORIZED: 'authentication required',
};
