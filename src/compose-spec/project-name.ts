import { basename } from 'node:path';
import { ComposeError } from './compose-error.js';

const validProjectName = /^[a-z0-9][a-z0-9_-]*$/;

export type ProjectNameSource = '--project-name' | 'COMPOSE_PROJECT_NAME' | 'name' | 'directory';

export interface ProjectNameCandidates {
  flag?: string | undefined;
  environment?: string | undefined;
  /** The top-level `name:` of the model, after interpolation. */
  model?: string | undefined;
  projectDirectory: string;
}

/**
 * The project's name, as Compose picks it: `-p`, then `COMPOSE_PROJECT_NAME`, then `name:`, then
 * the project directory's name. Names a user gave must already be valid; a directory's name is
 * made valid (lower case, other characters dropped), because the user never chose it.
 */
export function resolveProjectName(candidates: ProjectNameCandidates): { name: string; source: ProjectNameSource } {
  const given: Array<[ProjectNameSource, string | undefined]> = [
    ['--project-name', candidates.flag],
    ['COMPOSE_PROJECT_NAME', candidates.environment],
    ['name', candidates.model],
  ];
  for (const [source, value] of given) {
    if (value === undefined || value === '') continue;
    if (!validProjectName.test(value)) {
      throw new ComposeError({
        code: 'COMPOSE_PROJECT_NAME',
        message: `invalid project name ${JSON.stringify(value)} (from ${source}): must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`,
        path: source === 'name' ? ['name'] : undefined,
        hint: `use ${JSON.stringify(normalizeProjectName(value) || 'myproject')} instead`,
      });
    }
    return { name: value, source };
  }
  const fromDirectory = normalizeProjectName(basename(candidates.projectDirectory));
  if (fromDirectory === '') {
    throw new ComposeError({
      code: 'COMPOSE_PROJECT_NAME',
      message: `project name could not be derived from the directory name ${JSON.stringify(basename(candidates.projectDirectory))}`,
      hint: 'set one with -p/--project-name, COMPOSE_PROJECT_NAME or a top-level name: in the compose file',
    });
  }
  return { name: fromDirectory, source: 'directory' };
}

/** Lower case, characters outside `[a-z0-9_-]` dropped, leading `-` and `_` trimmed. */
export function normalizeProjectName(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '')
    .replace(/^[-_]+/, '');
}
