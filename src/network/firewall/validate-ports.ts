import { usageError } from '../../errors/index.js';
import { ipv4Address } from './addresses.js';
import type { HostPortRequest, PortRequest, Protocol } from './types.js';

export interface ValidPortRequest {
  containerPort: number;
  protocol: Protocol;
  hostIp: string;
  hostPort: HostPortRequest;
}

const protocols: readonly string[] = ['tcp', 'udp'];

/** Checks a published port as the engine passes it on and fills in the default host address. */
export function validatePortRequest(request: PortRequest): ValidPortRequest {
  const name = `published port ${request.hostPort === 0 ? '' : `${describeHostPort(request.hostPort)}:`}${request.containerPort}/${request.protocol}`;
  if (!protocols.includes(request.protocol)) {
    throw usageError(`${name}: protocol ${JSON.stringify(request.protocol)} is not supported`, 'publish tcp or udp ports');
  }
  if (!isPort(request.containerPort, 1)) throw usageError(`${name}: container port ${request.containerPort} is not a port number`, 'use a port from 1 to 65535');
  const hostPort = request.hostPort;
  if (typeof hostPort === 'number' ? !isPort(hostPort, 0) : !isPort(hostPort.first, 1) || !isPort(hostPort.last, 1) || hostPort.first > hostPort.last) {
    throw usageError(`${name}: host port ${describeHostPort(hostPort)} is not a port or a range of ports`, 'use a port from 1 to 65535, a range such as 8000-8010, or 0 for any free port');
  }
  return { containerPort: request.containerPort, protocol: request.protocol, hostIp: ipv4Address(request.hostIp ?? '0.0.0.0', `the host address of ${name}`), hostPort };
}

function isPort(value: number, lowest: number): boolean {
  return Number.isInteger(value) && value >= lowest && value <= 65535;
}

function describeHostPort(hostPort: HostPortRequest): string {
  return typeof hostPort === 'number' ? String(hostPort) : `${hostPort.first}-${hostPort.last}`;
}
