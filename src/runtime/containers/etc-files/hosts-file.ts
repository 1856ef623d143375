import { BerthError } from '../../../errors/index.js';

/** The lines Docker writes at the top of every container's /etc/hosts. */
const defaultEntries = [
  ['127.0.0.1', 'localhost'],
  ['::1', 'localhost ip6-localhost ip6-loopback'],
  ['fe00::0', 'ip6-localnet'],
  ['ff00::0', 'ip6-mcastprefix'],
  ['ff02::1', 'ip6-allnodes'],
  ['ff02::2', 'ip6-allrouters'],
] as const;

export interface HostsInput {
  hostname: string;
  domainname?: string;
  /** `name:ip` entries (HostConfig.ExtraHosts, compose's `extra_hosts`); an IPv6 address keeps its colons. */
  extraHosts?: readonly string[];
  /** The container's own addresses on its networks, each written with its hostname. */
  addresses?: readonly string[];
}

/**
 * A container's /etc/hosts as Docker 20.10 writes it: the defaults, then each extra host, then
 * the container's addresses with its hostname (`name.domain name` when it has a domain).
 */
export function hostsFile(input: HostsInput): string {
  const lines = defaultEntries.map(([address, names]) => `${address}\t${names}`);
  for (const entry of input.extraHosts ?? []) {
    const { name, address } = parseExtraHost(entry);
    lines.push(`${address}\t${name}`);
  }
  const names = input.domainname ? `${input.hostname}.${input.domainname} ${input.hostname}` : input.hostname;
  for (const address of input.addresses ?? []) lines.push(`${address}\t${names}`);
  return `${lines.join('\n')}\n`;
}

/** `db:10.0.0.5` or `db:fe80::1`: the name ends at the first colon, as in Docker. */
export function parseExtraHost(entry: string): { name: string; address: string } {
  const colon = entry.indexOf(':');
  const name = entry.slice(0, colon);
  const address = entry.slice(colon + 1);
  if (colon <= 0 || address === '' || /\s/.test(entry)) {
    throw new BerthError({
      code: 'CONTAINER_EXTRA_HOST_INVALID',
      kind: 'usage',
      message: `invalid extra host "${entry}": it must be NAME:ADDRESS`,
      hint: 'write it as `somehost:162.242.195.82` (extra_hosts in the compose file, --add-host on the command line)',
    });
  }
  return { name, address };
}
