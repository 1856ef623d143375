import type { Project } from '../../compose-spec/index.js';
import type { ComposeSession } from '../contract/session.js';
import { dependenciesOf } from '../plan/service-graph.js';
import { changeContainers } from './lifecycle.js';

export interface RestartOptions {
  /** The services named; all of the project's when empty. */
  services: readonly string[];
  /** --no-deps: restart only the services named, not those that asked to follow them. */
  noDependents: boolean;
  /** -t: seconds before SIGKILL. */
  stopTimeout?: number;
  dryRun?: boolean;
}

/**
 * `restart`: the services' containers, each after the services it depends on, and, unless
 * --no-deps, every service whose `depends_on` entry says `restart: true` on a restarted one
 * (after it), as Docker Compose does.
 */
export async function restartServices(session: ComposeSession, options: RestartOptions): Promise<{ planText: string; acted: number }> {
  const named = options.services.length > 0 ? options.services : Object.keys(session.project.services);
  const services = options.noDependents ? [...named] : withRestartDependents(session.project, named);
  return changeContainers(session, { kind: 'restart' }, { services, stopTimeout: options.stopTimeout, dryRun: options.dryRun });
}

/**
 * The services named and, transitively, those that depend on one of them with `restart: true`:
 * restarting `db` restarts `web` when `web` says `depends_on: {db: {restart: true}}`.
 */
export function withRestartDependents(project: Project, services: readonly string[]): string[] {
  const chosen = new Set(services.filter((service) => project.services[service] !== undefined));
  let grew = true;
  while (grew) {
    grew = false;
    for (const candidate of Object.keys(project.services).sort()) {
      if (chosen.has(candidate)) continue;
      const follows = dependenciesOf(project, candidate).some((dependency) => dependency.via === 'depends_on' && dependency.restart && chosen.has(dependency.service));
      if (follows) {
        chosen.add(candidate);
        grew = true;
      }
    }
  }
  return [...chosen];
}
