/**
 * The labels that carry a compose project's state on every resource, named as Docker Compose
 * names them, so berth and Docker Compose see each other's projects on one engine (DESIGN.md 1).
 */
export const composeLabels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  environmentFile: 'com.docker.compose.project.environment_file',
  dependsOn: 'com.docker.compose.depends_on',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  image: 'com.docker.compose.image',
  version: 'com.docker.compose.version',
  replace: 'com.docker.compose.replace',
} as const;

/** The version berth writes into `com.docker.compose.version`: the Compose release it behaves as. */
export const composeVersionLabel = '2.29.0';

/** `label` filter values selecting a project's resources, optionally one service's. */
export function projectFilter(project: string, service?: string): string[] {
  const filter = [`${composeLabels.project}=${project}`];
  if (service !== undefined) filter.push(`${composeLabels.service}=${service}`);
  return filter;
}
