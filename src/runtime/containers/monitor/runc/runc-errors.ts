import { BerthError, type ErrorKind } from '../../../../errors/index.js';
import type { RuncResult } from './run-runc.js';

/**
 * The error for a runc command that failed, carrying runc's own last words. runc says "container
 * does not exist" for an unknown id and "container not running" / "... is paused" for the wrong
 * state; those become not-found and conflict, everything else is internal.
 */
export function runcFailure(operation: string, id: string, result: RuncResult): BerthError {
  if (result.spawnError?.code === 'ENOENT') {
    return new BerthError({
      code: 'RUNC_MISSING',
      kind: 'unavailable',
      message: `cannot ${operation} container ${id}: runc is not installed`,
      hint: 'install Debian\'s runc (`apt-get install runc`), or point berth at a runc binary',
      cause: result.spawnError,
    });
  }
  const reason = result.error ?? exitDescription(result);
  return new BerthError({
    code: 'RUNC_FAILED',
    kind: kindOf(reason),
    message: `runc ${operation} of container ${id} failed: ${reason}`,
    hint: hintFor(reason),
  });
}

function exitDescription(result: RuncResult): string {
  return result.signal ? `runc was killed by ${result.signal}` : `runc exited with ${result.code}`;
}

function kindOf(reason: string): ErrorKind {
  if (/container does not exist|not exist/i.test(reason)) return 'not-found';
  if (/not running|is paused|not paused|is not paused|stopped|already|cannot (?:start|pause|resume|kill|delete)/i.test(reason)) return 'conflict';
  return 'internal';
}

function hintFor(reason: string): string | undefined {
  if (/no such file or directory/.test(reason) && /exec/.test(reason)) return "check the command: the executable is not in the container's filesystem or PATH";
  if (/permission denied/.test(reason) && /exec/.test(reason)) return "check the command: the file is not executable by the container's user";
  return undefined;
}
