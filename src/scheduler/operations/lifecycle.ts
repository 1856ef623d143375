import type { ComposeSession } from '../contract/session.js';
import { observeContainers } from '../observe/observed-state.js';
import { planLifecycle, type LifecycleAction } from '../plan/plan-lifecycle.js';
import { planText } from '../plan/plan-text.js';
import { runPlan } from './run-plan.js';

export interface LifecycleOptions {
  /** The services to act on; all of the project's when empty. */
  services: readonly string[];
  /** -t: seconds before SIGKILL for stop and restart. */
  stopTimeout?: number;
  dryRun?: boolean;
}

/** `start`, `stop`, `restart`, `kill`, `pause`, `unpause`, `rm` on the project's containers. */
export async function changeContainers(session: ComposeSession, action: LifecycleAction, options: LifecycleOptions): Promise<{ planText: string; acted: number }> {
  const containers = await observeContainers(session.client, session.project.name);
  const services = options.services.length > 0 ? options.services : [...new Set([...Object.keys(session.project.services), ...containers.map((container) => container.service)])];
  const plan = planLifecycle(session.project, containers, services, action);
  const text = planText(plan);
  if (options.dryRun) return { planText: text, acted: plan.operations.length };
  await runPlan(session, plan, action.kind, { observed: { containers, networks: new Map(), volumes: new Map() }, stopTimeout: options.stopTimeout });
  return { planText: text, acted: plan.operations.length };
}

export type { LifecycleAction };
