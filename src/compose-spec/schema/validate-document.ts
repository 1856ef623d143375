import { checkValue } from './check-value.js';
import type { IssuePath, SchemaIssue } from './check-value.js';
import { composeSpecSchema } from './compose-spec-schema.js';

export type { SchemaIssue } from './check-value.js';

/**
 * Checks one compose document (after interpolation and casting) against berth's schema and
 * returns its problems in words, without duplicates, ordered by document path then message: the
 * first one is what the CLI shows. An empty list means the document is valid.
 *
 * The schema is interpreted directly rather than compiled with ajv: loading ajv and compiling
 * the schema took about 50 + 215 ms of every command's start-up, where checking a document this
 * way takes under a millisecond. A test holds the interpreter to ajv's verdicts (every fixture,
 * plus generated documents).
 */
export function validateComposeDocument(doc: unknown): SchemaIssue[] {
  const issues = checkValue(composeSpecSchema, doc, []);
  const unique = new Map<string, SchemaIssue>();
  for (const issue of issues) {
    const key = JSON.stringify([issue.path, issue.message]);
    if (!unique.has(key)) unique.set(key, issue);
  }
  return [...unique.values()].sort(compareIssues);
}

function compareIssues(left: SchemaIssue, right: SchemaIssue): number {
  return comparePaths(left.path, right.path) || compareText(left.message, right.message);
}

function comparePaths(left: IssuePath, right: IssuePath): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = left[index] as string | number;
    const b = right[index] as string | number;
    if (a === b) continue;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return compareText(String(a), String(b));
  }
  return left.length - right.length;
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
