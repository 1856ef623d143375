import type { ComposeSession } from '../contract/session.js';
import { observeProject } from '../observe/observed-state.js';
import { planDown, type DownPlanOptions } from '../plan/plan-down.js';
import { planText } from '../plan/plan-text.js';
import { runPlan } from './run-plan.js';

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
  await runPlan(session, plan, 'down', { observed, stopTimeout: options.stopTimeout });
  return { planText: text };
}
