/** The per-service config hash that decides whether `up` recreates a container. */
export { serviceConfigHash } from './service-config-hash.js';
export { canonicalJson } from './canonical-json.js';
