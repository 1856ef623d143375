import type { ContainerSummary, EngineClient } from '../../api/index.js';
import { composeLabels } from '../contract/labels.js';

/** One compose project as `ls` shows it, found from its containers' labels alone. */
export interface ProjectSummary {
  name: string;
  /** `exited(1), running(2)`: how many containers are in each state, states sorted by name. */
  status: string;
  /** The compose files of `com.docker.compose.project.config_files`, each once, comma-separated. */
  configFiles: string;
}

/**
 * Every compose project on the engine, sorted by name: the projects of running containers, or with
 * `all` of stopped ones too. No compose file is read, so projects from any directory (and those
 * Docker Compose made) are found. A container without the config-files label makes that column
 * `N/A`, as Compose shows it.
 */
export async function listProjects(client: EngineClient, options: { all: boolean }): Promise<ProjectSummary[]> {
  const containers = await client.containers.list({ all: options.all, filters: { label: [composeLabels.project] } });
  const byProject = new Map<string, ContainerSummary[]>();
  for (const container of containers) {
    const name = container.Labels?.[composeLabels.project];
    if (name === undefined) continue;
    byProject.set(name, [...(byProject.get(name) ?? []), container]);
  }
  return [...byProject.keys()].sort().map((name) => {
    const members = byProject.get(name)!;
    return { name, status: combinedStatus(members), configFiles: combinedConfigFiles(members) };
  });
}

function combinedStatus(containers: readonly ContainerSummary[]): string {
  const counts = new Map<string, number>();
  for (const container of containers) counts.set(container.State, (counts.get(container.State) ?? 0) + 1);
  return [...counts.keys()].sort().map((state) => `${state}(${counts.get(state)})`).join(', ');
}

function combinedConfigFiles(containers: readonly ContainerSummary[]): string {
  const files: string[] = [];
  for (const container of containers) {
    const label = container.Labels?.[composeLabels.configFiles];
    if (label === undefined) return 'N/A';
    for (const file of label.split(',')) if (!files.includes(file)) files.push(file);
  }
  return files.join(',');
}
