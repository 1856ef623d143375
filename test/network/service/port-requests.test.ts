import { describe, expect, test } from 'vitest';
import { portRequests, portsView } from '../../../src/network/service/port-requests.js';
import { container } from './service-fixture.js';

describe("a container's published ports, from Docker's PortBindings", () => {
  test('take the host address and port given, any free port for an empty or 0 HostPort, and the first free one of a range', () => {
    const web = container({
      portBindings: {
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }, { HostPort: '' }],
        '53/udp': [{ HostPort: '0' }],
        '81': [{ HostPort: '8000-8010' }],
      },
    });
    // A key without a protocol is tcp; as an integer-like key, JavaScript lists it first.
    expect(portRequests(web, '0.0.0.0')).toEqual([
      { containerPort: 81, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: { first: 8000, last: 8010 } },
      { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 },
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 0 },
      { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 0 },
    ]);
  });

  test("bind to the network's host_binding_ipv4 when the binding names no address, and publish every other exposed port with -P", () => {
    const web = container({ portBindings: { '80/tcp': [{}] }, exposedPorts: ['80/tcp', '443/tcp'], publishAllPorts: true });
    expect(portRequests(web, '127.0.0.1')).toEqual([
      { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0 },
      { containerPort: 443, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0 },
    ]);
  });

  test('refuse sctp and a host port that is not a port, range or empty', () => {
    expect(() => portRequests(container({ portBindings: { '80/sctp': [{}] } }), '0.0.0.0')).toThrow("port 80/sctp: protocol \"sctp\" is not supported by berth's engine");
    expect(() => portRequests(container({ portBindings: { '80/tcp': [{ HostPort: 'http' }] } }), '0.0.0.0')).toThrow('invalid host port "http" for 80/tcp');
  });

  test('show in inspect each exposed port, null until published, with the host ports chosen', () => {
    expect(portsView(['81/tcp', '80/tcp', '53/udp'], [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 32768 }])).toEqual({
      '53/udp': null,
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '32768' }],
      '81/tcp': null,
    });
  });
});
