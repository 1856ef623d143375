import { BerthError } from '../../errors/index.js';
import { describeFailure } from './command-error.js';
import { runCommand, succeeded } from './run-command.js';

/** A network interface of the host, as `ip -j -d link show` describes it. */
export interface HostLink {
  name: string;
  /** `bridge`, `veth`...; undefined for a physical device or loopback. */
  kind: string | undefined;
  /** The bridge this link is a port of. */
  master: string | undefined;
  /** The `ifalias`: berth's mark on links it made. */
  alias: string | undefined;
  mtu: number;
  address: string | undefined;
  up: boolean;
}

interface IpLinkJson {
  ifname: string;
  mtu: number;
  address?: string;
  master?: string;
  ifalias?: string;
  flags?: string[];
  linkinfo?: { info_kind?: string };
}

/**
 * The host's links (berth's own network namespace), or only `name` (an empty list when it does
 * not exist).
 */
export async function readHostLinks(name?: string): Promise<HostLink[]> {
  const result = await runCommand('ip', ['-j', '-d', 'link', 'show', ...(name === undefined ? [] : ['dev', name])]);
  if (!succeeded(result)) {
    if (name !== undefined && /does not exist/.test(result.stderr)) return [];
    throw new BerthError(
      describeFailure('ip', result, {
        code: 'NETWORK_LINKS_UNREADABLE',
        action: `cannot list the host's network links${name === undefined ? '' : ` (${name})`}`,
        hint: '`ip -j -d link show` must work for berth; run it by hand to see why it does not',
      }),
    );
  }
  const links = JSON.parse(result.stdout.trim() || '[]') as IpLinkJson[];
  return links.map((link) => ({
    name: link.ifname,
    kind: link.linkinfo?.info_kind,
    master: link.master,
    alias: link.ifalias,
    mtu: link.mtu,
    address: link.address,
    up: link.flags?.includes('UP') ?? false,
  }));
}
