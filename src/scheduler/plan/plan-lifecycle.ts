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
  if (action.kind === 'stop') ordered.reverse();
  const done = new Map<string, number[]>();
  const awaits = new Map<string, number>();
  for (const service of ordered) {
    const waitFor = action.kind === 'stop'
      ? dependentsOf(project, service, involved)
      : forward ? dependenciesOf(project, service).map((dependency) => dependency.service) : [];
    const after = waitFor.flatMap((other) => done.get(other) ?? []);
    // Starting waits for what depends_on asks of a dependency (healthy, completed), as `up` does.
    if (action.kind === 'start' || action.kind === 'restart') after.push(...conditionWaits(service));
    const ids: number[] = [];
    for (const container of containers.filter((item) => item.service === service && !item.oneOff)) {
      const id = addStep(plan, container, action, after);
      if (id !== undefined) ids.push(id);
    }
    // A service with nothing to stop passes its dependents' stops on, so the order stays transitive.
    done.set(service, ids.length > 0 || action.kind !== 'stop' ? ids : after);
  }
  // Orphans of the named services have no order; one-off (`run`) containers are only killed, as in Compose.
  for (const container of containers.filter((item) => !known.includes(item.service) || (item.oneOff && action.kind === 'kill'))) {
    if (services.includes(container.service)) addStep(plan, container, action, []);
  }
  return plan.build();

  function conditionWaits(service: string): number[] {
    return dependenciesOf(project, service)
      .filter((dependency) => dependency.condition !== 'service_started' && involved.includes(dependency.service))
      .map((dependency) => {
        const key = `${dependency.service}\0${dependency.condition}`;
        let id = awaits.get(key);
        if (id === undefined) {
          const names = containers.filter((item) => item.service === dependency.service && !item.oneOff).map((item) => item.name);
          id = plan.add({ kind: 'await-dependency', service: dependency.service, condition: dependency.condition, required: dependency.required, containers: names }, 'depends_on', done.get(dependency.service) ?? []);
          awaits.set(key, id);
        }
        return id;
      });
  }
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
