import type { ComposeSession } from '../contract/session.js';
import { executePlan } from '../execute/executor.js';
import { operationRunner, type RunContext } from '../execute/run-operation.js';
import type { ObservedState } from '../observe/observed-state.js';
import type { Plan } from '../plan/operations.js';
import { containerOfServiceIn } from './container-of-service.js';
import { throwIfFailed } from './failures.js';

const nothingObserved: ObservedState = { containers: [], networks: new Map(), volumes: new Map() };

/**
 * Runs a plan that creates nothing from the model (stops, removals, pulls, restarts) and throws
 * one error naming every failed step; `what` names the command in that error.
 */
export async function runPlan(
  session: ComposeSession,
  plan: Plan,
  what: string,
  options: { observed?: ObservedState } & Partial<Pick<RunContext, 'stopTimeout' | 'signal'>> = {},
): Promise<void> {
  const observed = options.observed ?? nothingObserved;
  const result = await executePlan(plan, operationRunner({
    session,
    observed,
    configHashes: {},
    stopTimeout: options.stopTimeout,
    signal: options.signal,
    containerOfService: containerOfServiceIn(session.project, observed),
  }));
  throwIfFailed(result, what);
}
