import type { PortBinding, PortKey } from '../../api/types/containers.js';
import { usageError } from '../../errors/index.js';
import type { HostPortRequest, PortRequest, Protocol, PublishedPort } from '../firewall/index.js';
import type { ServiceContainer } from './types.js';

/**
 * A container's published ports as the firewall takes them, from Docker's PortBindings
 * (`{"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}`): a HostPort of `""` or `"0"` is
 * any free port, `8000-8010` the first free one of the range, a HostIp of `""` the network's
 * `host_binding_ipv4` (0.0.0.0 unless set). With PublishAllPorts, every exposed port without a
 * binding gets a random host port, as Docker's `-P`.
 */
export function portRequests(container: ServiceContainer, defaultHostIp: string): PortRequest[] {
  const requests: PortRequest[] = [];
  for (const [key, bindings] of Object.entries(container.portBindings)) {
    const { port, protocol } = parsePortKey(key);
    for (const binding of bindings.length > 0 ? bindings : [{}]) {
      requests.push({ containerPort: port, protocol, hostIp: binding.HostIp || defaultHostIp, hostPort: parseHostPort(binding.HostPort ?? '', key) });
    }
  }
  if (container.publishAllPorts) {
    for (const key of container.exposedPorts) {
      if (key in container.portBindings) continue;
      const { port, protocol } = parsePortKey(key);
      requests.push({ containerPort: port, protocol, hostIp: defaultHostIp, hostPort: 0 });
    }
  }
  return requests;
}

/** inspect's NetworkSettings.Ports: each exposed or bound port, with its bindings as published or null. */
export function portsView(exposed: readonly PortKey[], published: readonly PublishedPort[]): Record<PortKey, PortBinding[] | null> {
  const view: Record<PortKey, PortBinding[] | null> = {};
  for (const key of [...exposed].sort()) {
    const { port, protocol } = parsePortKey(key);
    view[`${port}/${protocol}`] = null;
  }
  for (const entry of published) {
    const key = `${entry.containerPort}/${entry.protocol}`;
    view[key] = [...(view[key] ?? []), { HostIp: entry.hostIp, HostPort: String(entry.hostPort) }];
  }
  return view;
}

/** `80/tcp`, `53/udp`, or `80` (tcp). */
function parsePortKey(key: PortKey): { port: number; protocol: Protocol } {
  const [port = '', protocol = 'tcp'] = key.split('/');
  if (!/^\d+$/.test(port)) throw usageError(`invalid port ${JSON.stringify(key)}: expected PORT/PROTOCOL, such as 80/tcp`, 'write the container port as a number, then /tcp or /udp');
  if (protocol !== 'tcp' && protocol !== 'udp') throw usageError(`port ${key}: protocol ${JSON.stringify(protocol)} is not supported by berth's engine`, 'publish tcp or udp ports');
  return { port: Number(port), protocol };
}

function parseHostPort(text: string, key: PortKey): HostPortRequest {
  if (text === '' || text === '0') return 0;
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) return { first: Number(range[1]), last: Number(range[2]) };
  if (/^\d+$/.test(text)) return Number(text);
  throw usageError(`invalid host port ${JSON.stringify(text)} for ${key}`, 'give a port (8080), a range (8000-8010), or leave it empty for any free port');
}
