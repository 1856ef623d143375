import type { ChainNames } from './chains.js';
import type { Rule } from './rule.js';
import { portTag } from './rule-tags.js';
import type { PortOwner, PublishedPort } from './types.js';

/**
 * A published port's rules: the DNAT from the host port to the container's, and the ACCEPT that
 * lets the DNATed traffic through FORWARD (only DNATed traffic: a container port is not reachable
 * by routing straight to the container's address from elsewhere).
 */
export function portRules(names: ChainNames, owner: PortOwner, port: PublishedPort): Rule[] {
  const tag = portTag(owner.network.bridge, owner.containerId, port);
  const protocol = ['-p', port.protocol, '-m', port.protocol];
  const hostAddress = port.hostIp === '0.0.0.0' ? [] : ['-d', `${port.hostIp}/32`];
  return [
    {
      table: 'nat',
      chain: names.dnat,
      match: [...hostAddress, ...protocol, '--dport', String(port.hostPort)],
      tag,
      target: ['-j', 'DNAT', '--to-destination', `${owner.containerIp}:${port.containerPort}`],
    },
    {
      table: 'filter',
      chain: names.ports,
      match: ['-d', `${owner.containerIp}/32`, '-o', owner.network.bridge, ...protocol, '--dport', String(port.containerPort), '-m', 'conntrack', '--ctstate', 'DNAT'],
      tag,
      target: ['-j', 'ACCEPT'],
    },
  ];
}
