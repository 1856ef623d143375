import { describe, expect, it } from 'vitest';
import { bridgeSettings } from '../../../src/network/records/index.js';
import { openRecords, rejection } from './records-fixtures.js';

async function settingsFor(options: Record<string, string>) {
  const { records } = await openRecords();
  await records.create({ Name: 'n', Options: options });
  return bridgeSettings(records.find('n'));
}

describe("a bridge network's options", () => {
  it("default as Docker's do: inter-container traffic and masquerading on, ports on all addresses, MTU 1500, bridge br- and 12 hex", async () => {
    const { records } = await openRecords();
    const { Id } = await records.create({ Name: 'n' });
    expect(bridgeSettings(records.find('n'))).toEqual({ bridge: `br-${Id.slice(0, 12)}`, enableIcc: true, enableIpMasquerade: true, hostBindingIpv4: '0.0.0.0', mtu: 1500 });
  });

  it("read booleans as Go's ParseBool does, and an MTU of 0 as 1500", async () => {
    expect(
      await settingsFor({
        'com.docker.network.bridge.enable_icc': 'F',
        'com.docker.network.bridge.enable_ip_masquerade': '0',
        'com.docker.network.bridge.host_binding_ipv4': '127.0.0.1',
        'com.docker.network.driver.mtu': '0',
      }),
    ).toMatchObject({ enableIcc: false, enableIpMasquerade: false, hostBindingIpv4: '127.0.0.1', mtu: 1500 });
    expect(await settingsFor({ 'com.docker.network.bridge.enable_icc': 'TRUE', 'com.docker.network.driver.mtu': '9000' })).toMatchObject({ enableIcc: true, mtu: 9000 });
  });

  it.each([
    [{ 'com.docker.network.bridge.enable_ip_masquerade': 'yes' }, 'failed to parse com.docker.network.bridge.enable_ip_masquerade value: yes (strconv.ParseBool: parsing "yes": invalid syntax)'],
    [{ 'com.docker.network.driver.mtu': '40' }, 'failed to parse com.docker.network.driver.mtu value: 40 (an MTU is 68 to 65535, or 0 for 1500)'],
    [{ 'com.docker.network.bridge.host_binding_ipv4': 'localhost' }, 'failed to parse com.docker.network.bridge.host_binding_ipv4 value: localhost (not an IPv4 address)'],
    [{ 'com.docker.network.bridge.name': 'br/0' }, 'com.docker.network.bridge.name "br/0" is not a Linux interface name'],
  ])('refuse %j', async (options, message) => {
    const { records } = await openRecords();
    expect((await rejection(records.create({ Name: 'n', Options: options }))).message).toBe(message);
  });
});
