/**
 * berth's embedded DNS (DESIGN.md section 5): a resolver on each network's gateway that answers
 * containers' names, aliases and addresses to the containers on the same networks, and forwards
 * everything else to the host's servers or the container's own `dns` servers.
 */
export { DnsResolver, defaultMaxConcurrentForwards, type DnsResolverOptions, type ListeningAddress } from './dns-resolver.js';
export { NameTable, type DnsEndpoint, type NameLookup, type NameTableOptions, type Requester } from './name-table.js';
export { answerQuery, answerTtl, classicUdpSize, ednsUdpSize, type NameSource, type QueryOutcome, type Transport } from './answer-query.js';
export { defaultUpstreamTimeoutMs, forwardQuery } from './forward.js';
export { defaultHostResolvConfFiles, hostUpstreamSource, maxUpstreams, nameserversOf, readHostUpstreams, type HostResolvConfFiles, type Upstream } from './upstreams.js';
