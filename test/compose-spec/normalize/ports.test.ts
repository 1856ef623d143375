import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { parsePortShortSyntax } from '../../../src/compose-spec/normalize/index.js';

const path = ['services', 'web', 'ports', 0];

function portError(spec: string): ComposeError {
  try {
    parsePortShortSyntax(spec, path);
  } catch (error) {
    if (error instanceof ComposeError) return error;
    throw error;
  }
  throw new Error(`expected ${spec} to be refused`);
}

describe('parsePortShortSyntax', () => {
  it('reads a bare container port with tcp and ingress defaults', () => {
    expect(parsePortShortSyntax('80', path)).toStrictEqual([{ mode: 'ingress', target: 80, protocol: 'tcp' }]);
  });

  it('reads a host address, host port and protocol', () => {
    expect(parsePortShortSyntax('127.0.0.1:8080:80/UDP', path)).toStrictEqual([
      { mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'udp' },
    ]);
  });

  it('strips the brackets of an IPv6 host address', () => {
    expect(parsePortShortSyntax('[::1]:8080:80', path)).toStrictEqual([
      { mode: 'ingress', host_ip: '::1', target: 80, published: '8080', protocol: 'tcp' },
    ]);
  });

  it('accepts an empty host port as "pick one"', () => {
    expect(parsePortShortSyntax('127.0.0.1::80', path)).toStrictEqual([{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, protocol: 'tcp' }]);
  });

  it('a published port range expands to one entry per port', () => {
    expect(parsePortShortSyntax('8000-8002:80-82', path)).toStrictEqual([
      { mode: 'ingress', target: 80, published: '8000', protocol: 'tcp' },
      { mode: 'ingress', target: 81, published: '8001', protocol: 'tcp' },
      { mode: 'ingress', target: 82, published: '8002', protocol: 'tcp' },
    ]);
  });

  it('keeps a host range whole for a single container port', () => {
    expect(parsePortShortSyntax('9000-9005:80', path)).toStrictEqual([{ mode: 'ingress', target: 80, published: '9000-9005', protocol: 'tcp' }]);
  });

  it('refuses ranges of different sizes', () => {
    const error = portError('8000-8001:80-82');
    expect(error.message).toBe(
      'services.web.ports[0]: invalid ranges specified for container and host Ports: 80-82 and 8000-8001: expected a port such as "80", "8080:80", "127.0.0.1:8080:80/udp" or "8000-8001:80-81"',
    );
    expect(error.code).toBe('COMPOSE_INVALID_VALUE');
    expect(error.hint).toBe('give the host and container ranges the same number of ports');
  });

  it('refuses a host port that is not a number', () => {
    expect(portError('abc:80').detail).toBe('invalid hostPort: abc');
  });

  it('refuses a container port out of range, an unknown protocol and a bad address', () => {
    expect(portError('70000').detail).toBe('invalid containerPort: 70000');
    expect(portError('80/icmp').detail).toBe('invalid proto: icmp');
    expect(portError('300.1.1.1:80:80').detail).toBe('invalid IP address: 300.1.1.1');
    expect(portError('82-80').detail).toBe('invalid containerPort: 82-80');
  });
});
