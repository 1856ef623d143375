import { BerthError } from '../../../../errors/index.js';
import type { ImageReference } from '../../../../runtime/images/index.js';
import { RegistryRefusal } from '../../../../runtime/images/registry/index.js';
import { familiarName, familiarString } from './image-names.js';

/** The statuses that, for a pull, mean "no such image here": registries answer 401 or 403 for repositories they lack. */
const refusedStatuses = new Set([401, 403, 404]);

/**
 * A registry's refusal of a manifest, in dockerd's words (distribution/errors.go), as a 404:
 *
 *   manifest for busybox:nope not found: manifest unknown: manifest unknown
 *   repository 127.0.0.1:5000/nope not found: name unknown: repository name not known to registry
 *   pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
 *
 * The registry's first error entry follows as dockerd prints it (`MANIFEST_UNKNOWN` as `manifest
 * unknown`); without one, the status stands for it (404 `manifest unknown`, 401 and 403 `denied`).
 * Registries answer 401 or 403 for repositories they do not have as for ones the client may not
 * see, so dockerd's "pull access denied" covers both. Other failures stay as they are.
 */
export function dockerManifestRefusal(error: unknown, reference: ImageReference): unknown {
  if (!(error instanceof RegistryRefusal) || !refusedStatuses.has(error.status)) return error;
  const first = error.registryErrors[0];
  const code = first?.code ?? (error.status === 404 ? 'MANIFEST_UNKNOWN' : 'DENIED');
  const said = `${code.toLowerCase().replaceAll('_', ' ')}: ${first?.message || defaultMessages[code] || code.toLowerCase()}`;
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
