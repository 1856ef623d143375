import type { PortBinding, PortKey } from '../../api/index.js';
import type { ServiceConfig } from '../../compose-spec/index.js';

/**
 * `ExposedPorts`: the `expose` entries and every `ports` target, keyed `80/tcp`. An `expose`
 * range (`3000-3002`) exposes each port of it, as the docker CLI's `--expose` does.
 */
export function exposedPorts(service: ServiceConfig): Record<PortKey, Record<string, never>> | undefined {
  const keys = [...(service.expose ?? []).flatMap(exposeKeys), ...(service.ports ?? []).map((port) => `${port.target}/${port.protocol}`)];
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, {}]));
}

/**
 * `PortBindings`, one binding per `ports` entry under its `target/protocol`: the published port
 * (a range such as `8000-8001` stays whole for a single target: the engine picks a free port in
 * it) or `""` for the engine to choose, and the host address when one is given.
 */
export function portBindings(service: ServiceConfig): Record<PortKey, PortBinding[]> | undefined {
  const ports = service.ports ?? [];
  if (ports.length === 0) return undefined;
  const bindings: Record<PortKey, PortBinding[]> = {};
  for (const port of ports) {
    const key = `${port.target}/${port.protocol}`;
    const binding: PortBinding = { ...(port.host_ip !== undefined && { HostIp: port.host_ip }), HostPort: port.published ?? '' };
    (bindings[key] ??= []).push(binding);
  }
  return bindings;
}

function exposeKeys(entry: string): PortKey[] {
  const [ports = '', protocol = 'tcp'] = entry.split('/');
  const [first = '', last = first] = ports.split('-');
  const start = Number(first);
  const end = Number(last);
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return [`${ports}/${protocol.toLowerCase()}`];
  return Array.from({ length: end - start + 1 }, (_, offset) => `${start + offset}/${protocol.toLowerCase()}`);
}
