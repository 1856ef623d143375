import { isAbsolute, resolve } from 'node:path';
import { checkConsistency, type ReferenceCheckInput } from '../checks/index.js';
import { ComposeError } from '../compose-error.js';
import { readDotenvFile } from '../environment/index.js';
import type { Project, ServiceConfig } from '../model/index.js';
import { normalizeService } from '../normalize/index.js';
import { selectProfiles } from '../profiles/index.js';
import { normalizeTopLevel } from '../project/index.js';
import { resolveProjectName } from '../project-name.js';
import { extensionsOf } from '../raw-mapping.js';
import { deepFreeze } from './deep-freeze.js';
import { loadComposeModel, type LoadedModel } from './load-model.js';
import type { LoadOptions } from './load-options.js';

/** A loaded project: the frozen model and what it was made from. */
export interface LoadedProject extends Omit<LoadedModel, 'place'> {
  project: Project;
  /** Every profile named by any service, enabled or not, sorted. */
  allProfiles: string[];
  /** Services the enabled profiles leave out, sorted: still the project's, so never orphans. */
  disabledServices: string[];
}

/**
 * Loads a compose project: the merged model of its files (see `loadComposeModel`), then the
 * project name, profiles, the canonical long forms and defaults, and the consistency checks.
 * The result is frozen: later phases read it and never change it.
 */
export async function loadProject(options: LoadOptions): Promise<LoadedProject> {
  const loaded = await loadComposeModel(options);
  const { model, environment, projectDirectory, place } = loaded;
  return place.around(async () => {
    const { name } = resolveProjectName({
      flag: options.projectName,
      environment: environment.COMPOSE_PROJECT_NAME,
      model: typeof model.name === 'string' ? model.name : undefined,
      projectDirectory,
    });
    const profileNames = options.profiles?.length ? options.profiles : splitList(environment.COMPOSE_PROFILES);
    const rawServices = (model.services ?? {}) as Record<string, Record<string, unknown>>;
    const selection = selectProfiles(rawServices, { profiles: profileNames, services: options.services ?? [] });

    const resolveEnvironment = options.resolveEnvironment ?? true;
    const normalizeContext = {
      projectName: name,
      projectDirectory,
      environment: resolveEnvironment ? environment : {},
      resolveEnvironment,
      readEnvFile: (path: string, fileOptions: { raw: boolean; required: boolean }) => {
        const absolute = isAbsolute(path) ? path : resolve(projectDirectory, path);
        try {
          return readDotenvFile(absolute, { raw: fileOptions.raw, lookup: (variable: string) => environment[variable] });
        } catch (error) {
          if (!fileOptions.required && error instanceof ComposeError && error.code === 'COMPOSE_ENV_FILE_NOT_FOUND') return undefined;
          throw error;
        }
      },
    };
    const services: Record<string, ServiceConfig> = {};
    for (const serviceName of selection.enabled) {
      services[serviceName] = normalizeService(serviceName, rawServices[serviceName]!, normalizeContext);
    }
    const topLevel = normalizeTopLevel(model, { projectName: name, projectDirectory, warn: options.warn }, services);
    const project = { ...extensionsOf(model), name, services, ...topLevel } as Project;
    if (options.consistency ?? true) {
      checkConsistency(project as unknown as ReferenceCheckInput, { disabledServices: selection.disabled });
    }
    const { place: _place, ...rest } = loaded;
    return deepFreeze({ ...rest, project, allProfiles: selection.allProfiles, disabledServices: [...selection.disabled.keys()].sort() });
  });
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(',').map((part) => part.trim()).filter(Boolean) : [];
}
