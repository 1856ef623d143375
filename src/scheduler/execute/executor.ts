import type { Operation, Plan } from '../plan/operations.js';

export interface OperationFailure {
  operation: Operation;
  error: unknown;
}

export interface ExecutionResult {
  failures: OperationFailure[];
  /** Operations not run because a step they wait for failed. */
  skipped: Operation[];
}

/**
 * Runs a plan: every operation as soon as all those it waits for have succeeded, independent ones
 * at the same time. A failure stops only what waits on it; everything else still runs, so a
 * failed `up` leaves the services that could start started and reports every failure. The
 * executor decides nothing: `run` carries out one step.
 */
export async function executePlan(plan: Plan, run: (operation: Operation) => Promise<void>): Promise<ExecutionResult> {
  const state = new Map<number, 'pending' | 'running' | 'done' | 'failed' | 'skipped'>();
  for (const operation of plan.operations) state.set(operation.id, 'pending');
  const failures: OperationFailure[] = [];
  const skipped: Operation[] = [];

  return new Promise<ExecutionResult>((resolve) => {
    let active = 0;
    const schedule = (): void => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const operation of plan.operations) {
          if (state.get(operation.id) !== 'pending') continue;
          const waits = operation.after.map((id) => state.get(id));
          if (waits.some((value) => value === 'failed' || value === 'skipped')) {
            state.set(operation.id, 'skipped');
            skipped.push(operation);
            progressed = true;
          } else if (waits.every((value) => value === 'done' || value === undefined)) {
            state.set(operation.id, 'running');
            active += 1;
            void Promise.resolve()
              .then(() => run(operation))
              .then(
                () => state.set(operation.id, 'done'),
                (error: unknown) => {
                  state.set(operation.id, 'failed');
                  failures.push({ operation, error });
                },
              )
              .finally(() => {
                active -= 1;
                schedule();
              });
          }
        }
      }
      if (active === 0) resolve({ failures, skipped });
    };
    schedule();
  });
}
