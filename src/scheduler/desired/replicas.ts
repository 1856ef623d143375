import type { ServiceConfig } from '../../compose-spec/index.js';

/**
 * How many containers a service should have, as Compose counts them: `--scale` wins, then
 * `scale`, then `deploy.replicas`, then one.
 */
export function desiredReplicas(service: ServiceConfig, scaleOverride?: number): number {
  return scaleOverride ?? service.scale ?? service.deploy?.replicas ?? 1;
}
