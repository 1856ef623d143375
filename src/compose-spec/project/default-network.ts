import type { ServiceConfig } from '../model/index.js';

/**
 * Whether a service joins the project's implicit `default` network: it names `default`, or it
 * names no network at all and has neither a `network_mode` nor a `provider` (compose-go attaches
 * such a service to `default`).
 */
export function usesDefaultNetwork(service: ServiceConfig): boolean {
  const networks = service.networks;
  if (networks && Object.keys(networks).length > 0) return Object.hasOwn(networks, 'default');
  return service.network_mode === undefined && service.provider === undefined;
}
