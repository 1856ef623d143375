import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { Firewall } from '../../../src/network/firewall/index.js';
import { tcpRequest } from './traffic.js';
import { berthLines, useFirewallLab } from './use-firewall-lab.js';

const linesNaming = (name: string): string[] =>
  execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((line) => line.includes(name));
const restore = (input: string): void => void execFileSync('iptables-restore', ['--noflush'], { input, stdio: ['pipe', 'ignore', 'pipe'] });

describeAsRoot('repair and teardown', () => {
  const { lab, firewall, prefix } = useFirewallLab();

  test('start-up repair removes the rules of networks and containers that no longer exist, and the rest keeps working', async () => {
    const [kept, gone] = [lab().network(), lab().network()];
    const [keptContainer, goneContainer, onGoneNetwork] = [lab().container(kept), lab().container(kept), lab().container(gone)];
    await firewall().setupNetwork(kept);
    await firewall().setupNetwork(gone);
    await lab().servePeerAddress(keptContainer.namespace, 'tcp', 80);
    const [port] = await firewall().publishPorts(keptContainer, [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }]);
    await firewall().publishPorts(goneContainer, [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }]);
    await firewall().publishPorts(onGoneNetwork, [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }]);

    // A new engine process after a crash: it knows which networks and containers still exist.
    const restarted = new Firewall({ chainPrefix: prefix() });
    const report = await restarted.repair({ networks: [kept.bridge], containers: [keptContainer.containerId] });

    expect(report.networks).toEqual([gone.bridge]);
    expect(report.containers).toEqual([goneContainer.containerId, onGoneNetwork.containerId].sort());
    const lines = berthLines(prefix());
    expect(lines.filter((line) => line.includes(gone.bridge) || line.includes(goneContainer.containerId))).toEqual([]);
    expect(lines.filter((line) => line.includes(`ctr=${keptContainer.containerId} `))).toHaveLength(2);
    expect(await tcpRequest('127.0.0.1', port?.hostPort ?? 0)).toBe(kept.gateway);
  });

  test('repair puts back a jump that was deleted, first in FORWARD', async () => {
    const network = lab().network();
    await firewall().setupNetwork(network);
    const jump = `-A FORWARD -m comment --comment berth -j ${prefix()}-FORWARD`;
    expect(berthLines(prefix())).toContain(jump);
    restore(`*filter\n${jump.replace('-A', '-D')}\nCOMMIT\n`);
    expect(berthLines(prefix())).not.toContain(jump);

    const report = await firewall().repair({ networks: [network.bridge], containers: [] });
    expect(report.removedRules).toBe(0);
    const forward = execFileSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter((line) => line.startsWith('-A FORWARD '));
    expect(forward[0]).toBe(jump);
  });

  test("removing all of berth's state removes its chains and leaves another tool's chains and jumps byte for byte", async () => {
    const other = `BF${randomBytes(3).toString('hex').toUpperCase()}`;
    restore(
      [
        '*filter',
        `:${other} - [0:0]`,
        `-I FORWARD 1 -j ${other}`,
        `-A ${other} -s 203.0.113.0/24 -m comment --comment "another tool" -j DROP`,
        'COMMIT',
        '*nat',
        `:${other} - [0:0]`,
        `-A PREROUTING -j ${other}`,
        `-A ${other} -p tcp -m tcp --dport 9 -j RETURN`,
        'COMMIT',
        '',
      ].join('\n'),
    );
    try {
      const before = linesNaming(other);
      const network = lab().network();
      const container = lab().container(network);
      await firewall().setupNetwork(network);
      await firewall().publishPorts(container, [{ containerPort: 80, protocol: 'udp', hostPort: 0 }]);
      await firewall().removeAll();

      expect(berthLines(prefix())).toEqual([]);
      expect(linesNaming(other)).toEqual(before);
    } finally {
      restore([`*filter`, `-D FORWARD -j ${other}`, `-F ${other}`, `-X ${other}`, 'COMMIT', '*nat', `-D PREROUTING -j ${other}`, `-F ${other}`, `-X ${other}`, 'COMMIT', ''].join('\n'));
    }
  });
});
