import { tables, type Table } from './rule.js';

/** A rule as iptables-save printed it. `args` is everything after `-A CHAIN `, so `-D CHAIN args` deletes exactly it. */
export interface SavedRule {
  table: Table;
  chain: string;
  args: string;
  /** The `-j` target, when there is one. */
  target: string | undefined;
  comment: string | undefined;
}

/** The tables berth uses as iptables-save shows them: chain names and rules in order. */
export interface Ruleset {
  chains: Record<Table, Set<string>>;
  rules: SavedRule[];
}

const commentPattern = /(?:^| )-m comment --comment ("(?:[^"\\]|\\.)*"|\S+)/;
const targetPattern = /(?:^| )-j (\S+)/;

/** Reads iptables-save's output; tables berth does not use (mangle, security) are skipped. */
export function parseIptablesSave(text: string): Ruleset {
  const ruleset: Ruleset = { chains: { raw: new Set(), nat: new Set(), filter: new Set() }, rules: [] };
  let table: Table | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      const name = line.slice(1).trim();
      table = (tables as readonly string[]).includes(name) ? (name as Table) : undefined;
    } else if (table === undefined) {
      continue;
    } else if (line.startsWith(':')) {
      const chain = line.slice(1).split(' ')[0];
      if (chain) ruleset.chains[table].add(chain);
    } else if (line.startsWith('-A ')) {
      const space = line.indexOf(' ', 3);
      const chain = space < 0 ? line.slice(3) : line.slice(3, space);
      const args = space < 0 ? '' : line.slice(space + 1);
      const comment = commentPattern.exec(args)?.[1];
      ruleset.rules.push({ table, chain, args, target: targetPattern.exec(args)?.[1], comment: comment === undefined ? undefined : unquote(comment) });
    }
  }
  return ruleset;
}

function unquote(word: string): string {
  return word.startsWith('"') ? word.slice(1, -1).replace(/\\(.)/g, '$1') : word;
}

/** The rules of one chain, in order. */
export function rulesOf(ruleset: Ruleset, table: Table, chain: string): SavedRule[] {
  return ruleset.rules.filter((rule) => rule.table === table && rule.chain === chain);
}
