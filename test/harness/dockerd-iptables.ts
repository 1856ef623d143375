import { execFileSync } from 'node:child_process';

/**
 * What a dockerd started with iptables on changes in the firewall and does not undo when it
 * stops: its chains (DOCKER, DOCKER-USER, DOCKER-ISOLATION-STAGE-1/2, nat DOCKER) with the jumps
 * to them, and FORWARD's policy (DROP, set when dockerd itself turns IP forwarding on). The
 * harness notes the state before dockerd starts and puts it back after it stops.
 */
export interface FirewallBefore {
  chains: Record<string, Set<string>>;
  forwardPolicy: string;
}

export function noteFirewall(): FirewallBefore {
  return { chains: chainsByTable(save()), forwardPolicy: forwardPolicy(save()) };
}

/** Removes the DOCKER* chains that were not there before, and the jumps to them; puts FORWARD's policy back. */
export function restoreFirewall(before: FirewallBefore): void {
  const text = save();
  const parts: string[] = [];
  for (const [table, chains] of Object.entries(chainsByTable(text))) {
    const added = [...chains].filter((chain) => chain.startsWith('DOCKER') && !before.chains[table]?.has(chain));
    if (added.length === 0) continue;
    const jumps = rulesOf(text, table).filter((rule) => added.some((chain) => rule.endsWith(` -j ${chain}`) && !rule.startsWith(`-A ${chain} `)));
    parts.push(`*${table}`, ...jumps.map((rule) => rule.replace(/^-A /, '-D ')), ...added.map((chain) => `-F ${chain}`), ...added.map((chain) => `-X ${chain}`), 'COMMIT');
  }
  if (parts.length > 0) execFileSync('iptables-restore', ['--noflush'], { input: `${parts.join('\n')}\n`, stdio: ['pipe', 'ignore', 'pipe'] });
  if (forwardPolicy(save()) !== before.forwardPolicy) execFileSync('iptables', ['-P', 'FORWARD', before.forwardPolicy]);
}

function save(): string {
  return execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

function chainsByTable(text: string): Record<string, Set<string>> {
  const chains: Record<string, Set<string>> = {};
  let table = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) chains[(table = line.slice(1))] = new Set();
    else if (line.startsWith(':')) chains[table]?.add(line.slice(1).split(' ')[0] ?? '');
  }
  return chains;
}

function rulesOf(text: string, wanted: string): string[] {
  let table = '';
  return text.split('\n').filter((line) => {
    if (line.startsWith('*')) table = line.slice(1);
    return table === wanted && line.startsWith('-A ');
  });
}

/** FORWARD's policy in the filter table; ACCEPT when the table does not exist yet. */
function forwardPolicy(text: string): string {
  return /^:FORWARD (\w+)/m.exec(text.slice(text.indexOf('*filter')))?.[1] ?? 'ACCEPT';
}
