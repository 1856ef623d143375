import type { ComposeSession } from '../contract/session.js';
import { observeContainers, type ObservedContainer } from '../observe/observed-state.js';
import { planLifecycle } from '../plan/plan-lifecycle.js';
import { planText } from '../plan/plan-text.js';
import { changeContainers } from './lifecycle.js';
import { runPlan } from './run-plan.js';

export interface RemoveStoppedOptions {
  /** The services named; all of the project's when empty. */
  services: readonly string[];
  /** -s: stop running containers first, so they are removed too. */
  stopFirst: boolean;
  /** -v: remove the containers' anonymous volumes with them. */
  volumes: boolean;
  /** -t for the stop of -s. */
  stopTimeout?: number;
  dryRun?: boolean;
  /**
   * Asked once, with the names of the containers about to go, before any is removed; false
   * removes nothing. Not asked when there is nothing to remove or on a dry run.
   */
  confirm: (names: readonly string[]) => Promise<boolean>;
}

export interface RemoveStoppedResult {
  planText: string;
  /** The containers removed (or, on a dry run, that would be); empty when none were stopped or the user said no. */
  removed: string[];
  /** True when there were stopped containers but `confirm` said no. */
  declined: boolean;
}

/**
 * `rm`: removes the services' stopped containers, as Docker Compose does: running ones stay
 * unless -s stops them first, and one-off (`run`) containers and orphans are left to `down`.
 */
export async function removeStoppedContainers(session: ComposeSession, options: RemoveStoppedOptions): Promise<RemoveStoppedResult> {
  const { project, client } = session;
  const services = options.services.length > 0 ? [...options.services] : Object.keys(project.services);
  const texts: string[] = [];
  if (options.stopFirst) {
    texts.push((await changeContainers(session, { kind: 'stop' }, { services, stopTimeout: options.stopTimeout, dryRun: options.dryRun })).planText);
  }
  const containers = (await observeContainers(client, project.name))
    .filter((container) => !container.oneOff && services.includes(container.service))
    // A dry run stopped nothing, but what -s would stop is what rm would then remove.
    .map((container) => (options.dryRun && options.stopFirst && isUp(container) ? { ...container, state: 'exited' as const } : container));
  const plan = planLifecycle(project, containers, services, { kind: 'remove', volumes: options.volumes });
  texts.push(planText(plan));
  const names = plan.operations.flatMap((operation) => (operation.kind === 'remove-container' ? [operation.name] : []));
  const text = texts.filter((part) => part !== planText({ operations: [] })).join('') || planText(plan);
  if (names.length === 0 || options.dryRun) return { planText: text, removed: names, declined: false };
  if (!(await options.confirm(names))) return { planText: text, removed: [], declined: true };

  await runPlan(session, plan, 'rm', { observed: { containers, networks: new Map(), volumes: new Map() } });
  return { planText: text, removed: names, declined: false };
}

function isUp(container: ObservedContainer): boolean {
  return container.state === 'running' || container.state === 'restarting' || container.state === 'paused';
}
