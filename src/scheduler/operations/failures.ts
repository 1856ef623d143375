import { BerthError } from '../../errors/index.js';
import type { ExecutionResult } from '../execute/executor.js';
import { describeStep } from '../plan/plan-text.js';

/**
 * One error for every step that failed, each on its own line, so a failed `up` reports all its
 * failures and not only the first. Its kind is the first failure's, for the exit code.
 */
export function throwIfFailed(result: ExecutionResult, what: string): void {
  if (result.failures.length === 0) return;
  // berth's own errors already name what failed; anything else gets the step it failed in.
  const lines = result.failures.map(({ operation, error }) => `  ${error instanceof BerthError ? error.message : `${describeStep(operation)}: ${error instanceof Error ? error.message : String(error)}`}`);
  const first = result.failures[0]!.error;
  const hints = [...new Set(result.failures.map(({ error }) => (error instanceof BerthError ? error.hint : undefined)).filter((hint): hint is string => Boolean(hint)))];
  const skipped = result.skipped.length > 0 ? `\n  (${result.skipped.length} further step${result.skipped.length > 1 ? 's' : ''} not run because of ${result.failures.length > 1 ? 'these failures' : 'this failure'})` : '';
  if (result.failures.length === 1 && result.skipped.length === 0 && first instanceof BerthError) throw first;
  throw new BerthError({
    code: first instanceof BerthError ? first.code : 'OPERATION_FAILED',
    kind: first instanceof BerthError ? first.kind : 'internal',
    message: `${what} failed:\n${lines.join('\n')}${skipped}`,
    hint: hints.length > 0 ? hints.join('\n  hint: ') : undefined,
    cause: first,
  });
}
