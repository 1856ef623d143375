import { isIP } from 'node:net';
import type { DocumentPath } from '../compose-error.js';
import type { ServicePortConfig } from '../model/index.js';
import { invalidValue } from './normalize-error.js';
import { isMapping, scalarText, toNumber } from './values.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const EXPECTED = 'a port such as "80", "8080:80", "127.0.0.1:8080:80/udp" or "8000-8001:80-81"';

/**
 * Parses the port short syntax `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` as compose-go
 * does (through docker/go-connections): one entry per container port of a range, a host range
 * kept whole when the container port is single, IPv6 host addresses in brackets. Entries come
 * sorted by their `port/protocol` text, as compose-go sorts them.
 */
export function parsePortShortSyntax(spec: string, path: DocumentPath): ServicePortConfig[] {
  const parts = spec.split(':');
  const rawContainer = parts[parts.length - 1]!;
  const hostPort = parts.length >= 2 ? parts[parts.length - 2]! : '';
  let hostIp = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';

  const [protocol, containerPort] = splitProtocol(rawContainer);
  if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
  if (hostIp !== '' && isIP(hostIp) === 0) {
    throw portError(path, `invalid IP address: ${hostIp}`, 'write an IPv4 address or an IPv6 address in brackets, such as "[::1]:8080:80"');
  }
  if (containerPort === '') throw portError(path, `no port specified: ${spec}<empty>`, 'add the container port after the last colon');
  const container = parseRange(containerPort);
  if (!container) throw portError(path, `invalid containerPort: ${containerPort}`, 'the container port is a number from 0 to 65535 or a range such as 80-81');
  const host = hostPort === '' ? undefined : parseRange(hostPort);
  if (hostPort !== '' && !host) throw portError(path, `invalid hostPort: ${hostPort}`, 'the host port is a number from 0 to 65535 or a range such as 8000-8001');
  const containerCount = container.end - container.start;
  if (host && containerCount !== host.end - host.start && containerCount !== 0) {
    throw portError(
      path,
      `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`,
      'give the host and container ranges the same number of ports',
    );
  }
  if (!PROTOCOLS.has(protocol.toLowerCase())) throw portError(path, `invalid proto: ${protocol}`, 'use tcp, udp or sctp');

  const entries: ServicePortConfig[] = [];
  for (let offset = 0; offset <= containerCount; offset++) {
    let published: string | undefined;
    if (host) {
      published = String(host.start + offset);
      // A single container port with a host range lets the engine pick a free port in the range.
      if (containerCount === 0 && host.start !== host.end) published = `${published}-${host.end}`;
    }
    entries.push({
      mode: 'ingress',
      ...(hostIp !== '' && { host_ip: hostIp }),
      target: container.start + offset,
      ...(published !== undefined && { published }),
      protocol: protocol.toLowerCase(),
    });
  }
  const key = (entry: ServicePortConfig): string => `${entry.target}/${entry.protocol}`;
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function splitProtocol(text: string): [protocol: string, port: string] {
  const parts = text.split('/');
  if (text === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1 || parts[1] === '') return ['tcp', parts[0]!];
  return [parts[1]!, parts[0]!];
}

function parseRange(text: string): { start: number; end: number } | undefined {
  const [first = '', second] = text.split('-');
  const start = parsePort(first);
  const end = second === undefined ? start : parsePort(second);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

function parsePort(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** `ports:` in long syntax: short entries expanded, `mode: ingress` and `protocol: tcp` filled in. */
export function normalizePorts(raw: unknown[], path: DocumentPath): ServicePortConfig[] {
  return raw.flatMap((entry, index) => {
    if (typeof entry === 'number') return [{ mode: 'ingress', target: entry, protocol: 'tcp' }];
    if (typeof entry === 'string') return parsePortShortSyntax(entry, [...path, index]);
    if (!isMapping(entry)) throw portError([...path, index], `invalid port ${JSON.stringify(entry)}`, 'write a port string or a mapping with target');
    const { published, target, ...rest } = entry;
    const port = {
      ...rest,
      mode: entry.mode ?? 'ingress',
      target: toNumber(target),
      ...(published !== undefined && published !== null && { published: scalarText(published) }),
      protocol: entry.protocol ?? 'tcp',
    };
    return [port as ServicePortConfig];
  });
}

function portError(path: DocumentPath, message: string, hint: string) {
  return invalidValue(path, message, EXPECTED, hint);
}
