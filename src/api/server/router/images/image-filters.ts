import type { Filters } from '../../../types/common.js';
import { badParameter } from '../../http/api-error.js';
import { parseReference } from '../../../../runtime/images/index.js';
import { familiarName } from './image-names.js';

/** dockerd's refusal of a filter it does not know, or of a value it cannot read: `invalid filter 'dangling=[maybe]'`. */
export function invalidFilter(key: string, values?: readonly string[]): Error {
  return badParameter(`invalid filter '${key}${values ? `=[${values.join(' ')}]` : ''}'`);
}

export function checkFilterKeys(filters: Filters, accepted: readonly string[]): void {
  for (const key of Object.keys(filters)) if (!accepted.includes(key)) throw invalidFilter(key);
}

/**
 * A boolean filter as dockerd reads it: absent is undefined; `true` and `false`, and with
 * `numeric` also `1` and `0` (prune's dangling); anything else is invalid.
 */
export function booleanFilter(filters: Filters, key: string, numeric = false): boolean | undefined {
  const values = filters[key];
  if (values === undefined) return undefined;
  if (values.includes('true') || (numeric && values.includes('1'))) return true;
  if (values.includes('false') || (numeric && values.includes('0'))) return false;
  throw invalidFilter(key, values);
}

/**
 * dockerd's MatchKVList for `label`: every `key` must be there and every `key=value` must
 * match. With `negate` (prune's `label!`), none may.
 */
export function matchesLabels(filters: readonly string[] | undefined, labels: Record<string, string> | null, negate = false): boolean {
  if (!filters || filters.length === 0) return true;
  const matches = (filter: string): boolean => {
    const equals = filter.indexOf('=');
    const key = equals === -1 ? filter : filter.slice(0, equals);
    return labels !== null && key in labels && (equals === -1 || labels[key] === filter.slice(equals + 1));
  };
  return negate ? !filters.some(matches) : filters.every(matches);
}

/**
 * Docker's `reference.FamiliarMatch`: `pattern` (Go's path.Match: `*`, `?`, `[...]`, `\`)
 * against the familiar string (`busybox:latest`, `busybox@sha256:...`), then the familiar name
 * (`busybox`), so `busybox`, `busybox:*` and `library/*` style patterns all select.
 */
export function referenceMatches(pattern: string, familiar: string): boolean {
  const expression = globExpression(pattern);
  return expression.test(familiar) || expression.test(familiarName(parseReference(familiar)));
}

function globExpression(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else if (character === '\\' && index + 1 < pattern.length) source += escape(pattern[++index]!);
    else if (character === '[') {
      const end = pattern.indexOf(']', index + 2);
      if (end === -1) throw badParameter(`invalid reference filter ${JSON.stringify(pattern)}: syntax error in pattern`);
      const body = pattern.slice(index + 1, end);
      // Go's classes never match '/', negated ones included; `\` escapes inside them as in JavaScript.
      source += body.startsWith('^') ? `[^/${body.slice(1)}]` : `[${body}]`;
      index = end;
    } else source += escape(character);
  }
  return new RegExp(`^${source}$`);
}

function escape(character: string): string {
  return character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
