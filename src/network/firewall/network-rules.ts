import { canonicalSubnet } from './addresses.js';
import type { ChainNames } from './chains.js';
import type { Rule, Table } from './rule.js';
import { networkTag } from './rule-tags.js';
import type { FirewallNetwork } from './types.js';

/**
 * Bridges that are not the network's own and that its containers must not open connections to:
 * Docker's (`docker0`, `br-<id>`) and berth's other networks (`br-<id>` too). Reaching a published
 * port there through the host's address stays allowed: that traffic was DNATed.
 */
export const foreignBridgePatterns: readonly string[] = ['br-+', 'docker0'];

const accept = ['-j', 'ACCEPT'];
const drop = ['-j', 'DROP'];
const masquerade = ['-j', 'MASQUERADE'];
const conntrack = (...states: string[]): string[] => ['-m', 'conntrack', ...states];

/** A network's rules, in the order they are appended to berth's chains. */
export function networkRules(names: ChainNames, network: FirewallNetwork): Rule[] {
  const bridge = network.bridge;
  const subnet = canonicalSubnet(network.subnet, `the subnet of network ${bridge}`);
  const tag = networkTag(bridge);
  const rule = (table: Table, chain: string, match: string[], target: string[]): Rule => ({ table, chain, match, tag, target });

  // Between containers of the network (with br_netfilter, bridged frames cross FORWARD too, where
  // a dockerd's policy DROP would stop them).
  const own = rule('filter', names.ingress, ['-i', bridge, '-o', bridge], accept);
  const noOtherIngress = rule('filter', names.ingress, ['-o', bridge], drop);
  // Nothing is routed straight to the subnet from another interface (a Docker network, the LAN).
  // Dropped before routing, where dockerd cannot put an ACCEPT of its own first, as it can in
  // FORWARD when it creates a network after berth. Published ports and replies still arrive
  // addressed to the host here: DNAT and un-MASQUERADE come after the raw table.
  const noRoutingIn = rule('raw', names.rawPrerouting, ['-d', subnet, '!', '-i', bridge], drop);
  if (network.internal) {
    return [
      own,
      noOtherIngress,
      noRoutingIn,
      // Dropped before routing, so neither another interface nor the host's own addresses (its
      // eth0 address, another bridge's gateway) are reachable; the gateway itself stays so (DNS).
      rule('raw', names.rawPrerouting, ['!', '-d', subnet, '-i', bridge], drop),
    ];
  }
  return [
    own,
    rule('filter', names.ingress, ['-o', bridge, ...conntrack('--ctstate', 'RELATED,ESTABLISHED')], accept),
    noOtherIngress,
    ...foreignBridgePatterns.map((pattern) => rule('filter', names.egress, ['-i', bridge, '-o', pattern, ...conntrack('!', '--ctstate', 'DNAT')], drop)),
    rule('filter', names.egress, ['-i', bridge, '!', '-o', bridge], accept),
    noRoutingIn,
    // route_localnet (set on the bridge for published ports on 127.0.0.1) would also let a
    // container send to the host's loopback services: nothing from a bridge may go to 127.0.0.0/8.
    rule('raw', names.rawPrerouting, ['-d', '127.0.0.0/8', '-i', bridge], drop),
    rule('nat', names.postrouting, ['-s', subnet, '!', '-o', bridge], masquerade),
    // A published port reached on 127.0.0.1 leaves with a loopback source the container cannot answer.
    rule('nat', names.postrouting, ['-s', '127.0.0.0/8', '-o', bridge], masquerade),
    // Hairpin: a container reaching a published port of its own network through a host address
    // must see the answer come from the host, not straight from the other container (or itself).
    rule('nat', names.postrouting, ['-s', subnet, '-o', bridge, ...conntrack('--ctstate', 'DNAT')], masquerade),
  ];
}
