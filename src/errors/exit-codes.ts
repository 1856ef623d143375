import type { ErrorKind } from './berth-error.js';

/** The single map from error kinds to process exit codes, as Docker Compose uses them. */
const exitCodeByKind: Record<ErrorKind, number> = {
  'invalid-project': 1,
  usage: 2,
  'not-found': 1,
  conflict: 1,
  unavailable: 1,
  internal: 1,
};

export function exitCodeFor(kind: ErrorKind): number {
  return exitCodeByKind[kind];
}
