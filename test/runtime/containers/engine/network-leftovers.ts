import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkService } from '../../../../src/network/service/index.js';

interface Link {
  ifname: string;
  ifalias?: string;
  linkinfo?: { info_kind?: string };
}

/**
 * What the network side may not leave between two tests once every container is removed and
 * every user-defined network pruned: a veth or bridge carrying the engine's mark (`berth:<run>`)
 * but the default bridge's device, a namespace file, a resolver listener, a container's
 * published-port rule in the engine's chains.
 */
export function networkLeftovers(runDirectory: string, networks: NetworkService, defaultBridge: string, chainPrefix: string): string[] {
  const found = markedLinks(runDirectory)
    .filter((link) => link.ifname !== defaultBridge)
    .map((link) => `${link.linkinfo?.info_kind ?? 'link'} ${link.ifname}`);
  found.push(...namespaceFiles(runDirectory).map((file) => `namespace file ${file}`));
  found.push(...networks.resolver.listening().map((listener) => `resolver listening on ${listener.address}:${listener.port}`));
  found.push(...ruleLines(chainPrefix).filter((line) => line.includes(' ctr=')).map((line) => `rule ${line}`));
  return found;
}

/** What nothing may leave after the network side's removeAll: any marked link, the default bridge, namespace files or their directory's mount, any line of the engine's chains. */
export function networkTeardownLeftovers(runDirectory: string, defaultBridge: string, chainPrefix: string): string[] {
  const found = markedLinks(runDirectory).map((link) => `${link.linkinfo?.info_kind ?? 'link'} ${link.ifname}`);
  if (hostLinks().some((link) => link.ifname === defaultBridge)) found.push(`default bridge ${defaultBridge}`);
  found.push(...namespaceFiles(runDirectory).map((file) => `namespace file ${file}`));
  const directory = join(runDirectory, 'netns');
  if (readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((line) => line.split(' ')[4] === directory)) found.push(`mount ${directory}`);
  found.push(...ruleLines(chainPrefix).map((line) => `rule ${line}`));
  return found;
}

function hostLinks(): Link[] {
  return JSON.parse(execFileSync('ip', ['-j', '-d', 'link', 'show'], { encoding: 'utf8' }) || '[]') as Link[];
}

function markedLinks(runDirectory: string): Link[] {
  return hostLinks().filter((link) => link.ifalias === `berth:${runDirectory}`);
}

function namespaceFiles(runDirectory: string): string[] {
  const directory = join(runDirectory, 'netns');
  return existsSync(directory) ? readdirSync(directory) : [];
}

/** iptables-save's lines naming the engine's chains. */
function ruleLines(chainPrefix: string): string[] {
  return execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((line) => line.includes(`${chainPrefix}-`));
}
