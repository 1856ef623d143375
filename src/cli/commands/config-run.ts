import { loadComposeModel, loadProject, type LoadOptions } from '../../compose-spec/index.js';
import { collectVariables } from '../../compose-spec/interpolation/index.js';
import { serviceConfigHash } from '../../compose-spec/hash/index.js';
import { renderDocument, renderProject, imageNames, networkNames, serviceNamesInDependencyOrder, volumeNames } from '../../compose-spec/render/index.js';
import { usageError } from '../../errors/index.js';
import type { GlobalOptions } from '../global-options.js';
import type { ConfigOptions } from './config.js';
import { loadOptionsFrom } from '../load-options.js';

/** What `berth config` prints for these options; undefined when it prints nothing (`-q`). */
export async function runConfig(services: string[], options: ConfigOptions, global: GlobalOptions): Promise<string | undefined> {
  const load: LoadOptions = {
    ...loadOptionsFrom(global, services),
    interpolate: options.interpolate,
    resolvePaths: options.pathResolution,
    consistency: options.consistency,
    resolveEnvironment: options.envResolution,
  };

  if (options.variables) {
    // Variables are listed from the files as written, so nothing may be substituted or checked first.
    const { model } = await loadComposeModel({ ...load, interpolate: false, validate: false, warn: () => {} });
    return variablesTable(collectVariables(model));
  }
  if (!options.normalize) {
    const { model } = await loadComposeModel(load);
    return renderDocument(model, options.format);
  }

  const loaded = await loadProject(load);
  const { project } = loaded;
  if (options.quiet) return undefined;
  if (options.environment) return lines(Object.entries(loaded.environment).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `${key}=${value}`));
  if (options.services) return lines(serviceNamesInDependencyOrder(project));
  if (options.volumes) return lines(volumeNames(project));
  if (options.networks) return lines(networkNames(project));
  if (options.images) return lines(imageNames(project));
  if (options.profiles) return lines(loaded.allProfiles);
  if (options.hash !== undefined) {
    const wanted = options.hash === '*' ? Object.keys(project.services).sort() : options.hash.split(',').map((name) => name.trim());
    const unknown = wanted.find((name) => !project.services[name]);
    if (unknown !== undefined) throw usageError(`no such service: ${unknown}`, `the project's services are: ${Object.keys(project.services).sort().join(', ')}`);
    return lines(wanted.map((name) => `${name} ${serviceConfigHash(project.services[name]!)}`));
  }
  return renderProject(selectServices(project, services), options.format);
}

function lines(values: readonly string[]): string {
  return values.length === 0 ? '' : `${values.join('\n')}\n`;
}

function variablesTable(variables: ReturnType<typeof collectVariables>): string {
  const rows = [['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE']];
  for (const variable of variables) {
    rows.push([variable.name, variable.required ? 'true' : 'false', variable.defaultValue ?? '', variable.alternateValue ?? '']);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return lines(rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd()));
}

/** `berth config web`: the named services and everything they depend on, as Compose prints them. */
function selectServices<T extends { services: Readonly<Record<string, unknown>> }>(project: T, names: string[]): T {
  if (names.length === 0) return project;
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name) || !project.services[name]) return;
    wanted.add(name);
    const dependsOn = (project.services[name] as { depends_on?: Record<string, unknown> }).depends_on ?? {};
    for (const dependency of Object.keys(dependsOn)) visit(dependency);
  };
  names.forEach(visit);
  return { ...project, services: Object.fromEntries(Object.entries(project.services).filter(([name]) => wanted.has(name))) };
}
