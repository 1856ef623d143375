import type { Project } from '../../compose-spec/index.js';
import type { ObservedContainer } from '../observe/observed-state.js';
import type { Plan } from './operations.js';
import { PlanBuilder } from './plan-builder.js';
import { dependenciesOf, dependentsOf, startOrder } from './service-graph.js';

/** What `start`, `stop`, `restart`, `kill`, `pause`, `unpause` and `rm` do to each container. */
export type LifecycleAction =
  | { kind: 'start' }
  | { kind: 'stop' }
  | { kind: 'restart' }
  | { kind: 'kill'; signal: string }
  | { kind: 'pause' }
  | { kind: 'unpause' }
  | { kind: 'remove'; volumes: boolean };

/**
 * One action on the containers of some services: starting ones in dependency order (a service
 * after those it depends on), stopping ones in reverse (a service after those that depend on it),
 * the rest all at once. Containers already in the wanted state are left out, so each command is
 * idempotent.
 */
export function planLifecycle(project: Project, containers: readonly ObservedContainer[], services: readonly string[], action: LifecycleAction): Plan {
  const plan = new PlanBuilder();
  const known = Object.keys(project.services);
  const involved = services.filter((service) => known.includes(service));
  const forward = action.kind === 'start' || action.kind === 'restart' || action.kind === 'unpause';
  const ordered = action.kind === 'kill' || action.kind === 'remove' || action.kind === 'pause' ? [...involved].sort() : startOrder(project, involved);
  if (!forward) ordered.reverse();
  const done = new Map<string, number[]>();
  for (const service of ordered) {
    const waitFor = action.kind === 'stop'
      ? dependentsOf(project, service, involved)
      : forward ? dependenciesOf(project, service).map((dependency) => dependency.service) : [];
    const after = waitFor.flatMap((other) => done.get(other) ?? []);
    const ids: number[] = [];
    for (const container of containers.filter((item) => item.service === service && !item.oneOff)) {
      const id = addStep(plan, container, action, after);
      if (id !== undefined) ids.push(id);
    }
    done.set(service, ids);
  }
  // One-off and orphan containers of the named services have no order.
  for (const container of containers.filter((item) => !known.includes(item.service) || item.oneOff)) {
    if (services.includes(container.service) || action.kind === 'remove') addStep(plan, container, action, []);
  }
  return plan.build();
}

function addStep(plan: PlanBuilder, container: ObservedContainer, action: LifecycleAction, after: number[]): number | undefined {
  const { service, name, state } = container;
  const running = state === 'running' || state === 'restarting' || state === 'paused';
  switch (action.kind) {
    case 'start':
      return running ? undefined : plan.add({ kind: 'start-container', service, name }, state, after);
    case 'stop':
      return running ? plan.add({ kind: 'stop-container', service, name }, state, after) : undefined;
    case 'restart':
      return plan.add({ kind: 'restart-container', service, name }, state, after);
    case 'kill':
      return state === 'running' ? plan.add({ kind: 'kill-container', service, name, signal: action.signal }, state, after) : undefined;
    case 'pause':
      return state === 'running' ? plan.add({ kind: 'pause-container', service, name }, state, after) : undefined;
    case 'unpause':
      return state === 'paused' ? plan.add({ kind: 'unpause-container', service, name }, state, after) : undefined;
    case 'remove':
      return running ? undefined : plan.add({ kind: 'remove-container', service, name, volumes: action.volumes }, state, after);
  }
}
