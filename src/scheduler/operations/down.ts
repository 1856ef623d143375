import type { ComposeSession } from '../contract/session.js';
import { executePlan } from '../execute/executor.js';
import { operationRunner } from '../execute/run-operation.js';
import { observeProject } from '../observe/observed-state.js';
import { planDown, type DownPlanOptions } from '../plan/plan-down.js';
import { planText } from '../plan/plan-text.js';
import { containerOfServiceIn } from './container-of-service.js';
import { throwIfFailed } from './failures.js';

export interface DownOptions extends DownPlanOptions {
  stopTimeout?: number;
  disabledServices: readonly string[];
  dryRun: boolean;
}

/** `down`: stop and remove the project's containers in reverse dependency order, then its networks (and volumes, images). */
export async function down(session: ComposeSession, options: DownOptions): Promise<{ planText: string }> {
  const observed = await observeProject(session.client, session.project.name);
  const { plan, warnings } = planDown({ project: session.project, observed, disabledServices: options.disabledServices, options });
  for (const warning of warnings) session.warn(warning);
  const text = planText(plan);
  if (options.dryRun) return { planText: text };
  const result = await executePlan(plan, operationRunner({
    session,
    observed,
    configHashes: {},
    stopTimeout: options.stopTimeout,
    containerOfService: containerOfServiceIn(session.project, observed),
  }));
  throwIfFailed(result, 'down');
  return { planText: text };
}
