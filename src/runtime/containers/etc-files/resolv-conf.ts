/** Docker's fallback when the host's resolv.conf names only local resolvers a container cannot reach. */
const fallbackNameservers = ['8.8.8.8', '8.8.4.4'];

export interface ResolvConfInput {
  /** The host's /etc/resolv.conf. */
  host: string;
  /** HostConfig.Dns: these replace the host's nameservers. */
  dns?: readonly string[];
  /** HostConfig.DnsSearch: these replace the host's search domains. */
  search?: readonly string[];
  /** HostConfig.DnsOptions: these replace the host's options. */
  options?: readonly string[];
  /**
   * The embedded resolver of a container on a user-defined network (berth's on the network's
   * gateway, Docker's on 127.0.0.11): the only nameserver written, with the others left for it to
   * forward to, and `ndots:0` added to the options, as Docker adds it, unless they set an ndots.
   */
  resolver?: string;
}

/**
 * A container's /etc/resolv.conf as Docker 20.10 writes it. With nothing of its own it is the
 * host's file, comments and all, less the nameservers on the host's loopback (127.0.0.0/8, ::1),
 * which mean nothing inside the container's network namespace; with none left, Docker's public
 * fallback. Otherwise it is written anew, as `search`, `nameserver` and `options` lines in that
 * order, the container's `dns`, `dns_search` and `dns_opt` (or its own resolver) in place of the
 * host's lines of that kind.
 */
export function resolvConf(input: ResolvConfInput): string {
  if (input.dns === undefined && input.search === undefined && input.options === undefined && input.resolver === undefined) return filteredHostFile(input.host);
  const host = parseResolvConf(input.host);
  const nameservers = input.resolver !== undefined ? [input.resolver] : nonLoopback(input.dns ?? host.nameservers);
  const search = input.search ?? host.search;
  const options = input.resolver === undefined ? (input.options ?? host.options) : withResolverNdots(input.options ?? host.options);
  const lines = [
    ...(search.length > 0 && !(search.length === 1 && search[0] === '.') ? [`search ${search.join(' ')}`] : []),
    ...(nameservers.length === 0 ? fallbackNameservers : nameservers).map((server) => `nameserver ${server}`),
    ...(options.length > 0 ? [`options ${options.join(' ')}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Docker's embedded DNS asks for `ndots:0`, so a bare name (a service) is tried as it is before
 * any search domain; an ndots the container sets itself wins (libnetwork's rebuildDNS; checked
 * against dockerd 20.10: `--dns-opt ndots:1` stays alone, `--dns-opt ndots:0` is not doubled).
 */
function withResolverNdots(options: readonly string[]): string[] {
  const ownNdots = options.some((option) => {
    const [name, value] = option.split(':');
    return name !== undefined && name.includes('ndots') && Number.parseInt(value ?? '', 10) >= 0;
  });
  return ownNdots ? [...options] : [...options, 'ndots:0'];
}

function filteredHostFile(text: string): string {
  const kept = text.split('\n').filter((line) => {
    const [keyword, server] = line.trim().split(/\s+/);
    return keyword !== 'nameserver' || server === undefined || nonLoopback([server]).length > 0;
  });
  const body = kept.join('\n').replace(/\n*$/, '\n');
  if (parseResolvConf(body).nameservers.length > 0) return body;
  return `${body === '\n' ? '' : body}${fallbackNameservers.map((server) => `nameserver ${server}\n`).join('')}`;
}

/** The resolvers the container's resolver forwards to: the container's `dns`, else the host's usable ones. */
export function upstreamNameservers(input: Pick<ResolvConfInput, 'host' | 'dns'>): string[] {
  const servers = nonLoopback(input.dns ?? parseResolvConf(input.host).nameservers);
  return servers.length > 0 ? servers : fallbackNameservers;
}

interface ParsedResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

/** `nameserver`, `search` (or the older `domain`) and `options` lines; comments and the rest are dropped. */
function parseResolvConf(text: string): ParsedResolvConf {
  const parsed: ParsedResolvConf = { nameservers: [], search: [], options: [] };
  for (const line of text.split('\n')) {
    const [keyword, ...values] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (keyword === 'nameserver' && values[0]) parsed.nameservers.push(values[0]);
    // The last search or domain line wins, as in the resolver.
    else if (keyword === 'search' || keyword === 'domain') parsed.search = values;
    else if (keyword === 'options') parsed.options.push(...values);
  }
  return parsed;
}

function nonLoopback(servers: readonly string[]): string[] {
  return servers.filter((server) => !/^127\./.test(server) && server !== '::1' && server !== '0:0:0:0:0:0:0:1');
}
