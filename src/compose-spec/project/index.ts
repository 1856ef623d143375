/** Project-level normalization: the top-level networks, volumes, secrets, configs and models. */
export { normalizeTopLevel } from './normalize-top-level.js';
export type { TopLevel, TopLevelContext } from './normalize-top-level.js';
export { usesDefaultNetwork } from './default-network.js';
