import { BerthError } from '../../errors/index.js';
import type { Rule, Table } from './rule.js';
import { skeletonTag } from './rule-tags.js';

/**
 * berth's own chains. Nothing of another tool's is flushed, renamed or edited: berth adds one jump
 * to each of its chains from a built-in chain and keeps every other rule inside its chains.
 *
 *   filter FORWARD (first rule) -> P-FORWARD -> P-PORTS    published ports: ACCEPT to the container's port
 *                                            -> P-INGRESS  into a bridge: its own traffic, replies; DROP the rest
 *                                            -> P-EGRESS   out of a bridge: DROP to other bridges; ACCEPT the rest
 *   nat PREROUTING, OUTPUT (to a local address) -> P-DNAT          published ports
 *   nat POSTROUTING                             -> P-POSTROUTING   MASQUERADE: egress, 127.0.0.1, hairpin
 *   raw PREROUTING                              -> P-PREROUTING    DROP, before routing: traffic routed
 *                                                                  into a subnet from elsewhere, internal
 *                                                                  networks' traffic off their subnet,
 *                                                                  loopback addresses arriving on a bridge
 */
export interface ChainNames {
  forward: string;
  ports: string;
  ingress: string;
  egress: string;
  dnat: string;
  postrouting: string;
  rawPrerouting: string;
}

/** A rule in a built-in chain that sends packets to one of berth's chains. */
export interface Jump {
  table: Table;
  builtin: string;
  rule: Rule;
  /** FORWARD's jump must come before dockerd's ACCEPT rules, so it is kept first. */
  first: boolean;
}

export interface Skeleton {
  chains: { table: Table; name: string }[];
  jumps: Jump[];
  /** P-FORWARD's fixed content, in order. */
  forwardRules: Rule[];
}

/** Room for the longest suffix (`-POSTROUTING`) in iptables's 28-character chain names. */
const prefixPattern = /^[A-Z][A-Z0-9]{0,15}$/;

export function chainNames(prefix: string): ChainNames {
  if (!prefixPattern.test(prefix)) {
    throw new BerthError({
      code: 'FIREWALL_BAD_PREFIX',
      kind: 'usage',
      message: `firewall chain prefix ${JSON.stringify(prefix)} is not valid`,
      hint: 'use 1 to 16 upper-case letters and digits, starting with a letter (the default is BERTH)',
    });
  }
  return {
    forward: `${prefix}-FORWARD`,
    ports: `${prefix}-PORTS`,
    ingress: `${prefix}-INGRESS`,
    egress: `${prefix}-EGRESS`,
    dnat: `${prefix}-DNAT`,
    postrouting: `${prefix}-POSTROUTING`,
    rawPrerouting: `${prefix}-PREROUTING`,
  };
}

export function skeleton(names: ChainNames): Skeleton {
  const rule = (table: Table, chain: string, match: string[], target: string): Rule => ({ table, chain, match, tag: skeletonTag, target: ['-j', target] });
  const jump = (table: Table, builtin: string, match: string[], target: string, first = false): Jump => ({ table, builtin, rule: rule(table, builtin, match, target), first });
  const local = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
  return {
    chains: [
      { table: 'raw', name: names.rawPrerouting },
      { table: 'nat', name: names.dnat },
      { table: 'nat', name: names.postrouting },
      { table: 'filter', name: names.forward },
      { table: 'filter', name: names.ports },
      { table: 'filter', name: names.ingress },
      { table: 'filter', name: names.egress },
    ],
    jumps: [
      jump('raw', 'PREROUTING', [], names.rawPrerouting),
      jump('nat', 'PREROUTING', local, names.dnat),
      // Locally generated traffic to any local address, 127.0.0.1 included (Docker leaves loopback
      // to its userland proxy; berth keeps it in the kernel).
      jump('nat', 'OUTPUT', local, names.dnat),
      jump('nat', 'POSTROUTING', [], names.postrouting),
      jump('filter', 'FORWARD', [], names.forward, true),
    ],
    forwardRules: [names.ports, names.ingress, names.egress].map((target) => rule('filter', names.forward, [], target)),
  };
}

/** Whether `name` is one of the chains `names` lists. */
export function isOwnChain(names: ChainNames, name: string): boolean {
  return Object.values(names).includes(name);
}
