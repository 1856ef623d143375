import type { PublishedPort } from './types.js';

/**
 * Every rule berth writes carries an iptables comment saying whose it is, so removing a network or
 * a container's ports removes exactly its rules, and start-up repair finds the rules of networks
 * and containers that no longer exist, all from `iptables-save` alone:
 *
 *   berth                                                  chains' own rules and the jumps to them
 *   berth net=br-0123456789ab                              a network's rules
 *   berth net=br-0123456789ab ctr=<id> port=tcp/0.0.0.0:8080   one published port of a container
 */
export interface RuleTag {
  network?: string;
  container?: string;
  port?: string;
}

export const skeletonTag = 'berth';

export function networkTag(bridge: string): string {
  return `${skeletonTag} net=${bridge}`;
}

export function portTag(bridge: string, containerId: string, port: PublishedPort): string {
  return `${networkTag(bridge)} ctr=${containerId} port=${port.protocol}/${port.hostIp}:${port.hostPort}`;
}

const fieldNames: Record<string, keyof RuleTag> = { net: 'network', ctr: 'container', port: 'port' };

/** The tag in a comment, or undefined when the comment is not one of berth's. */
export function parseTag(comment: string): RuleTag | undefined {
  const [head, ...fields] = comment.split(' ');
  if (head !== skeletonTag) return undefined;
  const tag: RuleTag = {};
  for (const field of fields) {
    const equals = field.indexOf('=');
    const name = fieldNames[field.slice(0, equals)];
    if (equals < 0 || name === undefined) return undefined;
    tag[name] = field.slice(equals + 1);
  }
  return tag;
}
