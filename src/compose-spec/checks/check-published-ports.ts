import { ComposeError } from '../compose-error.js';

interface PublishedPort {
  published?: string | number;
  protocol?: string;
  host_ip?: string;
}

const anyAddress = new Set(['', '0.0.0.0', '::']);

/**
 * Two containers of the project cannot bind the same host port: the second would fail when it
 * starts. Catching it while loading names both services before anything runs. An unspecified
 * host address overlaps every other address.
 */
export function checkPublishedPorts(services: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
  const taken: Array<{ service: string; port: number; protocol: string; hostIp: string }> = [];
  for (const name of Object.keys(services).sort()) {
    const ports = services[name]!.ports;
    if (!Array.isArray(ports)) continue;
    ports.forEach((entry: PublishedPort, index: number) => {
      const port = Number(entry?.published);
      if (!Number.isInteger(port) || port === 0) return; // unpublished, random, or a range the engine picks from
      const protocol = entry.protocol ?? 'tcp';
      const hostIp = entry.host_ip ?? '';
      const clash = taken.find(
        (other) => other.port === port && other.protocol === protocol && (other.hostIp === hostIp || anyAddress.has(other.hostIp) || anyAddress.has(hostIp)),
      );
      if (clash) {
        const owner = clash.service === name ? 'this service already publishes it' : `service "${clash.service}" already publishes it`;
        throw new ComposeError({
          code: 'COMPOSE_PORT_COLLISION',
          message: `host port ${port}/${protocol} is published twice: ${owner}`,
          path: ['services', name, 'ports', index],
          hint: `publish another host port here, e.g. "${port + 1}:${(entry as { target?: number }).target ?? port}"`,
        });
      }
      taken.push({ service: name, port, protocol, hostIp });
    });
  }
}
