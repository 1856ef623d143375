import { readFile, writeFile } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';

const ipForwardPath = '/proc/sys/net/ipv4/ip_forward';

/**
 * Turns IPv4 forwarding on unless it is on already; true when berth changed it, for the engine to
 * report ("enabled net.ipv4.ip_forward"). It is never turned back off: another tool (dockerd, a
 * VPN) may rely on it by then, as Docker's engine also leaves it on.
 */
export async function enableIpForward(): Promise<boolean> {
  if ((await readSetting(ipForwardPath, 'net.ipv4.ip_forward')) === '1') return false;
  await writeSetting(ipForwardPath, 'net.ipv4.ip_forward', '1');
  return true;
}

/**
 * Lets the kernel route packets with a 127.0.0.0/8 address out of `bridge`, which a published port
 * reached on 127.0.0.1 needs once DNAT has sent it to a container. The setting dies with the bridge.
 */
export async function enableRouteLocalnet(bridge: string): Promise<void> {
  await writeSetting(`/proc/sys/net/ipv4/conf/${bridge}/route_localnet`, `net.ipv4.conf.${bridge}.route_localnet`, '1');
}

async function readSetting(path: string, name: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw settingFailure(name, 'read', error);
  }
}

async function writeSetting(path: string, name: string, value: string): Promise<void> {
  try {
    await writeFile(path, `${value}\n`);
  } catch (error) {
    throw settingFailure(name, `set to ${value}`, error);
  }
}

function settingFailure(name: string, action: string, cause: unknown): BerthError {
  return new BerthError({
    code: 'FIREWALL_SYSCTL_FAILED',
    kind: 'internal',
    message: `could not ${action} ${name}: ${(cause as Error).message}`,
    hint: 'berth needs root and a writable /proc/sys (not a container without privileges)',
    cause,
  });
}
