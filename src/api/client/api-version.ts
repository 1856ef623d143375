import { usageError } from '../../errors/berth-error.js';

/** The Engine API version berth is written against (DESIGN.md section 6). */
export const berthApiVersion = '1.41';

/**
 * What Docker's client assumes of an engine whose `/_ping` names no version: 1.24 is the first
 * API that had `/_ping` headers at all.
 */
export const fallbackApiVersion = '1.24';

/**
 * The version to speak: the lower of the engine's and berth's, so an older engine is not sent
 * fields it would reject and a newer one answers in the v1.41 shapes berth's types describe.
 */
export function negotiateApiVersion(engineVersion: string | undefined, maxApiVersion: string = berthApiVersion): string {
  const ours = parseApiVersion(maxApiVersion);
  if (!ours) throw usageError(`invalid API version ${JSON.stringify(maxApiVersion)}`, 'write it as MAJOR.MINOR, like 1.41');
  const theirs = parseApiVersion(engineVersion ?? fallbackApiVersion) ?? parseApiVersion(fallbackApiVersion)!;
  return compare(theirs, ours) < 0 ? format(theirs) : format(ours);
}

/** `v1.41` as a path prefix: `/v1.41`. */
export function apiPrefix(version: string): string {
  return `/v${version}`;
}

/** Compares two `MAJOR.MINOR` versions numerically (1.9 < 1.41); throws on a malformed one. */
export function compareApiVersions(a: string, b: string): number {
  const left = parseApiVersion(a);
  const right = parseApiVersion(b);
  if (!left || !right) throw usageError(`invalid API version ${JSON.stringify(left ? b : a)}`, 'write it as MAJOR.MINOR, like 1.41');
  return compare(left, right);
}

type Version = readonly [major: number, minor: number];

function parseApiVersion(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1];
}

function format(version: Version): string {
  return `${version[0]}.${version[1]}`;
}
