import { isOwnChain, skeleton, type ChainNames } from './chains.js';
import { appendLine, ruleArguments, tables, type Rule } from './rule.js';
import { parseTag, type RuleTag } from './rule-tags.js';
import { rulesOf, type Ruleset, type SavedRule } from './ruleset.js';

/** What one change to berth's rules does; it becomes one iptables-restore batch. */
export interface ChangeSet {
  /** Removes the rules of berth's chains whose tag this accepts (only tags naming a network are offered). */
  remove?: (tag: RuleTag & { network: string }) => boolean;
  /** Rules to append to berth's chains, after the removals. */
  add?: Rule[];
}

export interface RestorePlan {
  /** The input for `iptables-restore --noflush`; empty when nothing changes. */
  input: string;
  /** The rules the batch deletes from berth's chains (not counting chains' own rules and jumps). */
  removed: (SavedRule & { tag: RuleTag })[];
}

/**
 * The batch that makes `change` against the rules iptables-save showed (`current`): it creates
 * berth's chains and jumps where they are missing, keeps FORWARD's jump first, deletes the tagged
 * rules the change removes (with iptables-save's own text for them, so `-D` matches exactly) and
 * appends the new ones. A chain is declared only when it is missing, since with --noflush a
 * declared chain is flushed.
 */
export function planRestore(names: ChainNames, current: Ruleset, change: ChangeSet): RestorePlan {
  const parts: string[] = [];
  const removed: RestorePlan['removed'] = [];
  const frame = skeleton(names);
  for (const table of tables) {
    const lines: string[] = [];
    for (const chain of frame.chains) {
      if (chain.table === table && !current.chains[table].has(chain.name)) lines.push(`:${chain.name} - [0:0]`);
    }
    for (const jump of frame.jumps.filter((candidate) => candidate.table === table)) {
      const inChain = rulesOf(current, table, jump.builtin);
      const existing = inChain.filter((rule) => rule.target === jump.rule.target[1]);
      const inPlace = jump.first ? existing.length === 1 && inChain[0] === existing[0] : existing.length >= 1;
      const stale = inPlace ? existing.slice(1) : existing;
      for (const rule of stale) lines.push(`-D ${rule.chain} ${rule.args}`);
      if (!inPlace) lines.push(jump.first ? `-I ${jump.builtin} 1 ${ruleArguments(jump.rule)}` : appendLine(jump.rule));
    }
    if (table === 'filter') lines.push(...forwardChainLines(names, current, frame.forwardRules));
    for (const rule of current.rules) {
      if (rule.table !== table || rule.chain === names.forward || !isOwnChain(names, rule.chain) || rule.comment === undefined) continue;
      const tag = parseTag(rule.comment);
      if (tag?.network === undefined || !change.remove?.({ ...tag, network: tag.network })) continue;
      lines.push(`-D ${rule.chain} ${rule.args}`);
      removed.push({ ...rule, tag });
    }
    for (const rule of change.add ?? []) if (rule.table === table) lines.push(appendLine(rule));
    if (lines.length > 0) parts.push(`*${table}`, ...lines, 'COMMIT');
  }
  return { input: parts.length > 0 ? `${parts.join('\n')}\n` : '', removed };
}

/** P-FORWARD holds only its three jumps, in order; anything else there is rewritten. */
function forwardChainLines(names: ChainNames, current: Ruleset, wanted: Rule[]): string[] {
  const targets = rulesOf(current, 'filter', names.forward).map((rule) => rule.target);
  if (targets.length === wanted.length && wanted.every((rule, index) => rule.target[1] === targets[index])) return [];
  const flush = current.chains.filter.has(names.forward) ? [`-F ${names.forward}`] : [];
  return [...flush, ...wanted.map(appendLine)];
}

/**
 * The batch that removes all of berth's chains and the jumps to them; rules of other tools stay.
 * Empty when none exist.
 */
export function planTeardown(names: ChainNames, current: Ruleset): string {
  const parts: string[] = [];
  for (const table of tables) {
    const own = [...current.chains[table]].filter((chain) => isOwnChain(names, chain));
    const jumps = current.rules.filter((rule: SavedRule) => rule.table === table && !isOwnChain(names, rule.chain) && rule.target !== undefined && own.includes(rule.target));
    const lines = [...jumps.map((rule) => `-D ${rule.chain} ${rule.args}`), ...own.map((chain) => `-F ${chain}`), ...own.map((chain) => `-X ${chain}`)];
    if (lines.length > 0) parts.push(`*${table}`, ...lines, 'COMMIT');
  }
  return parts.length > 0 ? `${parts.join('\n')}\n` : '';
}
