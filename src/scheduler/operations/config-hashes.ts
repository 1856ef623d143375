import { serviceConfigHash, type Project } from '../../compose-spec/index.js';

export function configHashesOf(project: Project): Record<string, string> {
  return Object.fromEntries(Object.entries(project.services).map(([name, service]) => [name, serviceConfigHash(service)]));
}
