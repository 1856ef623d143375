import { describe, expect, test } from 'vitest';
import { chainNames } from '../../../src/network/firewall/chains.js';
import { networkRules } from '../../../src/network/firewall/network-rules.js';
import { portRules } from '../../../src/network/firewall/port-rules.js';
import { appendLine, quoteComment } from '../../../src/network/firewall/rule.js';
import { parseTag, portTag } from '../../../src/network/firewall/rule-tags.js';
import { berthErrorOf } from '../../helpers/error-of.js';

const names = chainNames('BERTH');
const network = { bridge: 'br-0123456789ab', subnet: '172.18.0.5/16', internal: false };

describe('the rules of a network', () => {
  test('a network that is not internal: its own traffic, replies, isolation, egress, MASQUERADE and the loopback guard', () => {
    expect(networkRules(names, network).map(appendLine)).toEqual([
      '-A BERTH-INGRESS -i br-0123456789ab -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j ACCEPT',
      '-A BERTH-INGRESS -o br-0123456789ab -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "berth net=br-0123456789ab" -j ACCEPT',
      '-A BERTH-INGRESS -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-EGRESS -i br-0123456789ab -o br-+ -m conntrack ! --ctstate DNAT -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-EGRESS -i br-0123456789ab -o docker0 -m conntrack ! --ctstate DNAT -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-EGRESS -i br-0123456789ab ! -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j ACCEPT',
      '-A BERTH-PREROUTING -d 172.18.0.0/16 ! -i br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-PREROUTING -d 127.0.0.0/8 -i br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-POSTROUTING -s 172.18.0.0/16 ! -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j MASQUERADE',
      '-A BERTH-POSTROUTING -s 127.0.0.0/8 -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j MASQUERADE',
      '-A BERTH-POSTROUTING -s 172.18.0.0/16 -o br-0123456789ab -m conntrack --ctstate DNAT -m comment --comment "berth net=br-0123456789ab" -j MASQUERADE',
    ]);
  });

  test('an internal network: its own traffic only, nothing in from elsewhere and nothing out of its subnet', () => {
    expect(networkRules(names, { ...network, internal: true }).map(appendLine)).toEqual([
      '-A BERTH-INGRESS -i br-0123456789ab -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j ACCEPT',
      '-A BERTH-INGRESS -o br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-PREROUTING -d 172.18.0.0/16 ! -i br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j DROP',
      '-A BERTH-PREROUTING ! -d 172.18.0.0/16 -i br-0123456789ab -m comment --comment "berth net=br-0123456789ab" -j DROP',
    ]);
  });

  test('a subnet that is not IPv4 CIDR is refused, naming the network', () => {
    const error = berthErrorOf(() => networkRules(names, { ...network, subnet: 'fd00::/64' }));
    expect(error.message).toBe('the subnet of network br-0123456789ab "fd00::/64" is not an IPv4 subnet in CIDR form, such as 172.18.0.0/16');
  });
});

describe('the rules of a published port', () => {
  const owner = { network, containerId: 'c0ffee', containerIp: '172.18.0.2' };

  test('on all host addresses: DNAT of the host port, and ACCEPT of the DNATed traffic to the container port', () => {
    expect(portRules(names, owner, { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }).map((rule) => `${rule.table} ${appendLine(rule)}`)).toEqual([
      'nat -A BERTH-DNAT -p tcp -m tcp --dport 8080 -m comment --comment "berth net=br-0123456789ab ctr=c0ffee port=tcp/0.0.0.0:8080" -j DNAT --to-destination 172.18.0.2:80',
      'filter -A BERTH-PORTS -d 172.18.0.2/32 -o br-0123456789ab -p tcp -m tcp --dport 80 -m conntrack --ctstate DNAT -m comment --comment "berth net=br-0123456789ab ctr=c0ffee port=tcp/0.0.0.0:8080" -j ACCEPT',
    ]);
  });

  test('on one host address: the DNAT matches that address only', () => {
    const [dnat] = portRules(names, owner, { containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 5353 });
    expect(dnat && appendLine(dnat)).toBe(
      '-A BERTH-DNAT -d 127.0.0.1/32 -p udp -m udp --dport 5353 -m comment --comment "berth net=br-0123456789ab ctr=c0ffee port=udp/127.0.0.1:5353" -j DNAT --to-destination 172.18.0.2:53',
    );
  });
});

describe('rule tags', () => {
  test('a port tag reads back as its network, container and port', () => {
    expect(parseTag(portTag('br-x', 'abc', { containerPort: 80, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 53 }))).toEqual({ network: 'br-x', container: 'abc', port: 'udp/0.0.0.0:53' });
  });

  test("another tool's comment is not a berth tag", () => {
    expect(parseTag('berthold net=x')).toBeUndefined();
    expect(parseTag('berth owner=x')).toBeUndefined();
    expect(parseTag('kube-proxy')).toBeUndefined();
  });

  test('comments are quoted as iptables-save quotes them', () => {
    expect(quoteComment('berth')).toBe('berth');
    expect(quoteComment('berth net=br-x')).toBe('"berth net=br-x"');
  });
});

describe('chain names', () => {
  test('a prefix that would not fit iptables names is refused', () => {
    expect(berthErrorOf(() => chainNames('berth')).code).toBe('FIREWALL_BAD_PREFIX');
    expect(berthErrorOf(() => chainNames('A'.repeat(17))).code).toBe('FIREWALL_BAD_PREFIX');
    expect(chainNames('A'.repeat(16)).postrouting).toHaveLength(28);
  });
});
