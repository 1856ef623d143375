import type { Project } from '../../compose-spec/index.js';
import { dependenciesOf, serviceImage, startOrder, withDependencies } from '../../scheduler/index.js';
import type { ServiceSpec } from './service-view.js';

/** The services the UI shows, in start order: those named (and what they depend on), or all. */
export function serviceSpecs(project: Project, named: readonly string[]): ServiceSpec[] {
  const services = named.length > 0 ? withDependencies(project, named) : Object.keys(project.services);
  return startOrder(project, services).map((name) => ({
    name,
    image: serviceImage(project, name),
    hasBuild: project.services[name]?.build !== undefined,
    dependsOn: dependenciesOf(project, name)
      .filter((dependency) => dependency.via === 'depends_on')
      .map((dependency) => ({ service: dependency.service, condition: dependency.condition })),
  }));
}
