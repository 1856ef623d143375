import { usageError } from '../../errors/index.js';
import { listProjects, type ProjectSummary } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { connectEngine } from '../project-session.js';
import type { LsCommandOptions } from './ls.js';
import { prettyColumns } from './pretty-columns.js';

/**
 * `berth ls`: the compose projects on the engine, found by their containers' labels, so it needs no
 * compose file and sees every project (berth's and Docker Compose's). Running ones only, unless `-a`.
 */
export async function runLs(options: LsCommandOptions, global: GlobalOptions): Promise<void> {
  const names = nameFilters(options.filter);
  const client = await connectEngine(global);
  try {
    const projects = (await listProjects(client, { all: options.all })).filter((project) => names.length === 0 || names.some((pattern) => nameMatches(pattern, project.name)));
    process.stdout.write(render(projects, options));
  } finally {
    client.close();
  }
}

function render(projects: readonly ProjectSummary[], options: LsCommandOptions): string {
  if (options.quiet) return projects.map((project) => `${project.name}\n`).join('');
  if (options.format === 'json') {
    return `${JSON.stringify(projects.map((project) => ({ Name: project.name, Status: project.status, ConfigFiles: project.configFiles })))}\n`;
  }
  return prettyColumns([['NAME', 'STATUS', 'CONFIG FILES'], ...projects.map((project) => [project.name, project.status, project.configFiles])], 20);
}

/** `--filter name=VALUE`, the one filter `ls` knows; several name filters match any of them. */
function nameFilters(filters: readonly string[]): string[] {
  return filters.map((filter) => {
    const equals = filter.indexOf('=');
    if (equals < 0) throw usageError(`bad format of filter (expected name=value): ${filter}`, 'for example --filter name=demo');
    const key = filter.slice(0, equals).trim().toLowerCase();
    if (key !== 'name') throw usageError(`invalid filter '${key}'`, 'the only filter is name, as in --filter name=demo');
    return filter.slice(equals + 1);
  });
}

/** Docker's filter match: the exact name, or a regular expression found in it (`name=dem` matches `demo`). */
function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return false;
  }
}
