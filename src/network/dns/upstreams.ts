import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';

/** A DNS server the resolver forwards to. */
export interface Upstream {
  address: string;
  /** 53 unless a test runs a fake upstream elsewhere. */
  port: number;
}

/** The files the host's resolvers come from. */
export interface HostResolvConfFiles {
  resolvConf: string;
  /** systemd-resolved's list of the real upstream servers, behind its 127.0.0.53 stub. */
  systemdResolvConf: string;
}

export const defaultHostResolvConfFiles: HostResolvConfFiles = {
  resolvConf: '/etc/resolv.conf',
  systemdResolvConf: '/run/systemd/resolve/resolv.conf',
};

/** glibc reads at most three nameservers, and Docker's embedded DNS forwards to at most three. */
export const maxUpstreams = 3;

const systemdStub = '127.0.0.53';

/** The `nameserver` lines of a resolv.conf, in order, as upstreams on port 53 (at most three). */
export function nameserversOf(text: string): Upstream[] {
  const servers: Upstream[] = [];
  for (const line of text.split('\n')) {
    const [keyword, address] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (keyword === 'nameserver' && address !== undefined && isIP(address.replace(/%.*$/, '')) !== 0) servers.push({ address, port: 53 });
  }
  return servers.slice(0, maxUpstreams);
}

/**
 * The host's upstream servers: /etc/resolv.conf's nameservers, unless systemd-resolved's stub
 * (127.0.0.53) is all it lists: then the servers behind the stub, from systemd-resolved's own
 * file (the stub would work too, the resolver runs on the host, but it adds a hop and its
 * caching). Loopback servers are kept: unlike a container, the resolver reaches them. A missing
 * or empty file gives no upstreams, and forwarded questions then get SERVFAIL.
 */
export function readHostUpstreams(files: HostResolvConfFiles = defaultHostResolvConfFiles): Upstream[] {
  const listed = nameserversOf(readOrEmpty(files.resolvConf));
  if (listed.length > 0 && listed.every((server) => server.address === systemdStub)) {
    const behindStub = nameserversOf(readOrEmpty(files.systemdResolvConf));
    if (behindStub.length > 0) return behindStub;
  }
  return listed;
}

/**
 * readHostUpstreams kept current: the files are read again when their modification time or
 * size changes (DHCP and VPN clients rewrite resolv.conf), at the cost of two stat calls per
 * forwarded question.
 */
export function hostUpstreamSource(files: HostResolvConfFiles = defaultHostResolvConfFiles): () => readonly Upstream[] {
  let seen = '';
  let upstreams: readonly Upstream[] = [];
  return () => {
    const stamp = `${fileStamp(files.resolvConf)}|${fileStamp(files.systemdResolvConf)}`;
    if (stamp !== seen) {
      seen = stamp;
      upstreams = readHostUpstreams(files);
    }
    return upstreams;
  };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function fileStamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return 'missing';
  }
}
