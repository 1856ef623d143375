import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { hostAddress } from './lab.js';
import { requestFromNamespace, tcpRequest } from './traffic.js';
import { berthLines, useFirewallLab } from './use-firewall-lab.js';

const ipForward = (): string => readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();

describeAsRoot('network rules', () => {
  const { lab, firewall, prefix } = useFirewallLab();
  const hostServers: Server[] = [];
  afterEach(() => {
    for (const server of hostServers.splice(0)) server.close();
  });

  /** A server of the host's own on all its addresses that answers with the peer it saw. */
  async function hostServer(): Promise<number> {
    const server = createServer((socket) => socket.end(`${socket.remoteAddress}\n`));
    hostServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    return address.port;
  }

  test('setting up a network that is not internal turns on IP forwarding and says whether it changed it', async () => {
    const before = ipForward();
    const network = lab().network();
    lab().container(network);
    const setup = await firewall().setupNetwork(network);
    expect(setup.enabledIpForward).toBe(before === '0');
    expect(ipForward()).toBe('1');
  });

  test('containers of one network reach each other; containers of two networks do not', async () => {
    const [red, blue] = [lab().network(), lab().network()];
    const [red1, red2, blue1] = [lab().container(red), lab().container(red), lab().container(blue)];
    await firewall().setupNetwork(red);
    await firewall().setupNetwork(blue);
    // The kernel would route between the two bridges now: only berth's rules stand in the way.
    expect(ipForward()).toBe('1');
    await lab().servePeerAddress(red2.namespace, 'tcp', 80);
    await lab().servePeerAddress(blue1.namespace, 'tcp', 80);

    expect(await requestFromNamespace(red1.namespace, 'tcp', red2.containerIp, 80)).toEqual({ answer: red1.containerIp, code: 0 });
    expect(await tcpRequest(blue1.containerIp, 80)).toBe(blue.gateway);
    expect((await requestFromNamespace(red1.namespace, 'tcp', blue1.containerIp, 80)).answer).toBe('');
    expect((await requestFromNamespace(blue1.namespace, 'tcp', red2.containerIp, 80)).answer).toBe('');
  });

  test('a container reaches a host beyond this one, MASQUERADEd; one on an internal network does not', async () => {
    const outside = lab().outside();
    await lab().servePeerAddress(outside.namespace, 'tcp', 80);
    const [open, internal] = [lab().network(), lab().network({ internal: true })];
    const [openContainer, internalContainer] = [lab().container(open), lab().container(internal)];
    await firewall().setupNetwork(open);
    await firewall().setupNetwork(internal);

    expect(await requestFromNamespace(openContainer.namespace, 'tcp', outside.address, 80)).toEqual({ answer: outside.hostAddress, code: 0 });
    expect((await requestFromNamespace(internalContainer.namespace, 'tcp', outside.address, 80)).answer).toBe('');
  });

  test("an internal network reaches its own containers and gateway, but neither the host's other addresses nor other networks", async () => {
    const port = await hostServer();
    const [internal, open] = [lab().network({ internal: true }), lab().network()];
    const [inside1, inside2, openContainer] = [lab().container(internal), lab().container(internal), lab().container(open)];
    await firewall().setupNetwork(internal);
    await firewall().setupNetwork(open);
    await lab().servePeerAddress(inside2.namespace, 'tcp', 80);
    await lab().servePeerAddress(openContainer.namespace, 'tcp', 80);

    expect(await requestFromNamespace(inside1.namespace, 'tcp', inside2.containerIp, 80)).toEqual({ answer: inside1.containerIp, code: 0 });
    // The gateway is where the network's DNS resolver listens.
    expect(await requestFromNamespace(inside1.namespace, 'tcp', internal.gateway, port)).toEqual({ answer: inside1.containerIp, code: 0 });
    expect((await requestFromNamespace(inside1.namespace, 'tcp', hostAddress(), port)).answer).toBe('');
    expect((await requestFromNamespace(inside1.namespace, 'tcp', open.gateway, port)).answer).toBe('');
    expect((await requestFromNamespace(inside1.namespace, 'tcp', openContainer.containerIp, 80)).answer).toBe('');
    // A network that is not internal reaches the host's address.
    expect(await requestFromNamespace(openContainer.namespace, 'tcp', hostAddress(), port)).toEqual({ answer: openContainer.containerIp, code: 0 });
  });

  test("removing a network removes exactly its rules and leaves the other network's", async () => {
    const [kept, removed] = [lab().network(), lab().network()];
    await firewall().setupNetwork(kept);
    await firewall().setupNetwork(removed);
    const keptLines = berthLines(prefix()).filter((line) => line.includes(`net=${kept.bridge}"`));
    expect(keptLines.length).toBeGreaterThan(0);

    await firewall().removeNetwork(removed);
    expect(berthLines(prefix()).filter((line) => line.includes(removed.bridge))).toEqual([]);
    expect(berthLines(prefix()).filter((line) => line.includes(`net=${kept.bridge}"`))).toEqual(keptLines);
  });

  test('setting up a network again replaces its rules instead of adding a second set', async () => {
    const network = lab().network();
    await firewall().setupNetwork(network);
    const once = berthLines(prefix());
    await firewall().setupNetwork(network);
    expect(berthLines(prefix())).toEqual(once);
  });
});
