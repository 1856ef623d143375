import { loadProject, type Project } from '../../compose-spec/index.js';
import { usageError } from '../../errors/index.js';
import type { GlobalOptions } from '../global-options.js';
import { loadOptionsFrom } from '../load-options.js';

/** Which project a read-only command looks at: always its name, and its model when one was loaded. */
export interface ProjectScope {
  name: string;
  project?: Project;
}

/**
 * The project of `ps`, `logs`, `top`, `port`, `images` and `events`, found as Docker Compose finds
 * it: `-p NAME` without `-f` is enough, no compose file needed, so a project can be inspected from
 * anywhere; otherwise the compose file is loaded (environment left unresolved: these commands
 * create nothing), and if it cannot be, COMPOSE_PROJECT_NAME still names the project. Services
 * named on the command line must exist in a loaded project.
 */
export async function projectOrName(global: GlobalOptions, services: readonly string[] = []): Promise<ProjectScope> {
  if (global.projectName && global.file.length === 0) return { name: global.projectName };
  let project: Project;
  try {
    project = (await loadProject({ ...loadOptionsFrom(global, services), resolveEnvironment: false })).project;
  } catch (error) {
    const fromEnvironment = process.env.COMPOSE_PROJECT_NAME;
    if (fromEnvironment) return { name: fromEnvironment };
    throw error;
  }
  const unknown = services.filter((name) => project.services[name] === undefined);
  if (unknown.length > 0) {
    throw usageError(`no such service: ${unknown.join(', ')}`, `the project's services are: ${Object.keys(project.services).sort().join(', ') || '(none)'}`);
  }
  return { name: project.name, project };
}
