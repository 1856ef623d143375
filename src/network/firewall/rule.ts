export type Table = 'raw' | 'nat' | 'filter';

/** The order tables are written in a restore batch: the order packets meet them in PREROUTING. */
export const tables: readonly Table[] = ['raw', 'nat', 'filter'];

/**
 * One iptables rule as berth writes it: matches in iptables-save's own order (`-s`, `-d`, `-i`,
 * `-o`, `-p`, then `-m` matches), the tag as a comment match after them, then the target. Written
 * that way, iptables-save prints the rule back as berth wrote it.
 */
export interface Rule {
  table: Table;
  chain: string;
  match: string[];
  /** The comment that says whose rule it is (see rule-tags.ts). */
  tag: string;
  target: string[];
}

/** Characters iptables-save leaves a comment unquoted with (xtables_save_string). */
const plainWord = /^[A-Za-z0-9_-]+$/;

/** A comment as iptables-save prints it, quoted unless it is one plain word. */
export function quoteComment(text: string): string {
  return plainWord.test(text) ? text : `"${text.replace(/(["\\'])/g, '\\$1')}"`;
}

/** The rule's arguments after the chain name, in iptables-restore syntax. */
export function ruleArguments(rule: Rule): string {
  return [...rule.match, '-m', 'comment', '--comment', quoteComment(rule.tag), ...rule.target].join(' ');
}

/** `-A CHAIN ...`: the line that appends the rule, which is also how iptables-save prints it. */
export function appendLine(rule: Rule): string {
  return `-A ${rule.chain} ${ruleArguments(rule)}`;
}
