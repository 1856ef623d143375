import { createHash } from 'node:crypto';
import type { ServiceConfig } from '../model/index.js';
import { canonicalJson } from './canonical-json.js';

/**
 * What a container's configuration does not depend on: how its image is built or pulled, how
 * many replicas run, what starts before it and which profiles enable it. Changing these must not
 * recreate running containers (Compose leaves the same attributes out of its hash).
 */
const ignoredAttributes = ['build', 'pull_policy', 'scale', 'depends_on', 'profiles'] as const;

/**
 * The `com.docker.compose.config-hash` label of a service's containers: the sha256 (hex) of the
 * service's canonical JSON (keys sorted at every level) without the attributes above and without
 * `deploy.replicas`. `up` compares it with the label of a running container to decide whether
 * the container must be recreated.
 */
export function serviceConfigHash(service: ServiceConfig): string {
  return createHash('sha256').update(canonicalJson(hashedView(service))).digest('hex');
}

/** The service as hashed; a copy, so the frozen model stays untouched. */
function hashedView(service: ServiceConfig): Record<string, unknown> {
  const view: Record<string, unknown> = { ...service };
  for (const attribute of ignoredAttributes) delete view[attribute];
  if (service.deploy) {
    const { replicas: _replicas, ...deploy } = service.deploy;
    // `deploy: {replicas: 2}` only says how many: it hashes like no deploy at all.
    if (Object.keys(deploy).length > 0) view.deploy = deploy;
    else delete view.deploy;
  }
  return view;
}
