import { createServer, type Server } from 'node:net';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { BerthError } from '../../../src/errors/index.js';
import { hostAddress } from './lab.js';
import { requestFromNamespace, tcpRequest, udpRequest } from './traffic.js';
import { berthLines, conntrackEntriesOf, useFirewallLab } from './use-firewall-lab.js';

/** Listens on 0.0.0.0:0 outside berth and returns the port: a port that is taken. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { port: address.port, server };
}

describeAsRoot('published ports', () => {
  const { lab, firewall, prefix } = useFirewallLab();

  async function publishedServer(protocol: 'tcp' | 'udp', hostIp?: string) {
    const network = lab().network();
    const container = lab().container(network);
    await firewall().setupNetwork(network);
    await lab().servePeerAddress(container.namespace, protocol, 80);
    const [port] = await firewall().publishPorts(container, [{ containerPort: 80, protocol, hostPort: 0, ...(hostIp ? { hostIp } : {}) }]);
    if (!port) throw new Error('nothing published');
    return { network, container, port };
  }

  test('a TCP port published with HostPort 0 gets a free port that answers on 127.0.0.1 and on the host address', async () => {
    const { network, port } = await publishedServer('tcp');
    expect(port).toMatchObject({ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0' });
    expect(port.hostPort).toBeGreaterThan(0);
    // The container answers with the peer it saw: 127.0.0.1 arrives MASQUERADEd as the gateway.
    expect(await tcpRequest('127.0.0.1', port.hostPort)).toBe(network.gateway);
    expect(await tcpRequest(hostAddress(), port.hostPort)).toBe(hostAddress());
  });

  test('a UDP port answers on 127.0.0.1 and on the host address', async () => {
    const { network, port } = await publishedServer('udp');
    expect(await udpRequest('127.0.0.1', port.hostPort)).toBe(network.gateway);
    expect(await udpRequest(hostAddress(), port.hostPort)).toBe(hostAddress());
  });

  test('a port published on 127.0.0.1 answers there and not on the host address', async () => {
    const { port } = await publishedServer('tcp', '127.0.0.1');
    expect(port.hostIp).toBe('127.0.0.1');
    expect(await tcpRequest('127.0.0.1', port.hostPort)).not.toBe('');
    // Nothing listens on the host address: berth's socket holds 127.0.0.1 only.
    await expect(tcpRequest(hostAddress(), port.hostPort)).rejects.toThrow(/ECONNREFUSED/);
  });

  test('publishing a port another process holds fails with Docker\'s text and a hint naming the port, and publishes nothing', async () => {
    const network = lab().network();
    const container = lab().container(network);
    await firewall().setupNetwork(network);
    const taken = await takenPort();
    try {
      const error = await firewall()
        .publishPorts(container, [
          { containerPort: 81, protocol: 'tcp', hostPort: 0 },
          { containerPort: 80, protocol: 'tcp', hostPort: taken.port },
        ])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).message).toBe(`Bind for 0.0.0.0:${taken.port} failed: port is already allocated`);
      expect((error as BerthError).kind).toBe('conflict');
      expect((error as BerthError).hint).toContain(`ss -ltnp 'sport = :${taken.port}'`);
      expect(berthLines(prefix()).filter((line) => line.includes('ctr='))).toEqual([]);
    } finally {
      taken.server.close();
    }
  });

  test('a host port range skips taken ports and reports the one it took', async () => {
    const network = lab().network();
    const container = lab().container(network);
    await firewall().setupNetwork(network);
    await lab().servePeerAddress(container.namespace, 'tcp', 80);
    const taken = await takenPort();
    try {
      const [port] = await firewall().publishPorts(container, [{ containerPort: 80, protocol: 'tcp', hostPort: { first: taken.port, last: taken.port + 20 } }]);
      expect(port?.hostPort).toBeGreaterThan(taken.port);
      expect(port?.hostPort).toBeLessThanOrEqual(taken.port + 20);
      expect(await tcpRequest('127.0.0.1', port?.hostPort ?? 0)).toBe(network.gateway);
    } finally {
      taken.server.close();
    }
  });

  test('a published port holds its host port until the container is released', async () => {
    const { container, port } = await publishedServer('tcp');
    const again = await firewall()
      .publishPorts({ ...container, containerId: 'another' }, [{ containerPort: 80, protocol: 'tcp', hostPort: port.hostPort }])
      .catch((caught: unknown) => caught);
    expect((again as BerthError).message).toBe(`Bind for 0.0.0.0:${port.hostPort} failed: port is already allocated`);

    await firewall().releaseContainer(container);
    expect(berthLines(prefix()).filter((line) => line.includes('ctr='))).toEqual([]);
    // The host port is free again: another process can listen on it.
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port.hostPort, '0.0.0.0', resolve));
    server.close();
  });

  test('releasing a container deletes the connection-tracking entries of its flows', async () => {
    const { container, port } = await publishedServer('udp');
    await udpRequest('127.0.0.1', port.hostPort);
    expect(conntrackEntriesOf([container.containerIp])).not.toEqual([]);
    await firewall().releaseContainer(container);
    expect(conntrackEntriesOf([container.containerIp])).toEqual([]);
  });

  test('a container reaches another container\'s published port through the host address (hairpin)', async () => {
    const { network, port } = await publishedServer('tcp');
    const client = lab().container(network);
    // MASQUERADEd: the answer must come back through the host, not straight from the other container.
    expect(await requestFromNamespace(client.namespace, 'tcp', hostAddress(), port.hostPort)).toEqual({ answer: network.gateway, code: 0 });
  });

  test('a container reaches its own published port through the host address (hairpin)', async () => {
    const { network, container, port } = await publishedServer('tcp');
    expect(await requestFromNamespace(container.namespace, 'tcp', hostAddress(), port.hostPort)).toEqual({ answer: network.gateway, code: 0 });
    expect(await requestFromNamespace(container.namespace, 'tcp', network.gateway, port.hostPort)).toEqual({ answer: network.gateway, code: 0 });
  });

  test('a container on an internal network cannot publish ports', async () => {
    const network = lab().network({ internal: true });
    const container = lab().container(network);
    await firewall().setupNetwork(network);
    await expect(firewall().publishPorts(container, [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }])).rejects.toThrow(/the network is internal/);
  });
});
