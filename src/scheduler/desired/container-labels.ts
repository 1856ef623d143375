import type { Labels } from '../../api/index.js';
import type { ServiceConfig } from '../../compose-spec/index.js';
import { composeLabels, composeVersionLabel } from '../contract/labels.js';

export interface ContainerLabelsInput {
  projectName: string;
  serviceName: string;
  /** The service as the container runs it (a one-off's `--label` values already merged in). */
  service: ServiceConfig;
  image: string;
  number: number;
  configHash: string;
  oneOff: boolean;
  workingDir: string;
  configFiles: readonly string[];
  environmentFiles: readonly string[];
}

/**
 * A container's labels as Compose writes them: the service's own labels, overridden by the
 * compose labels that carry the project's state (so a user label cannot fake them).
 */
export function containerLabels(input: ContainerLabelsInput): Labels {
  return {
    ...input.service.labels,
    [composeLabels.project]: input.projectName,
    [composeLabels.service]: input.serviceName,
    [composeLabels.version]: composeVersionLabel,
    [composeLabels.workingDir]: input.workingDir,
    [composeLabels.configFiles]: input.configFiles.join(','),
    ...(input.environmentFiles.length > 0 && { [composeLabels.environmentFile]: input.environmentFiles.join(',') }),
    [composeLabels.oneoff]: input.oneOff ? 'True' : 'False',
    [composeLabels.image]: input.image,
    [composeLabels.configHash]: input.configHash,
    [composeLabels.containerNumber]: String(input.number),
    [composeLabels.dependsOn]: dependsOnLabel(input.service),
  };
}

/**
 * `db:service_healthy:true,cache:service_started:false`: each dependency with its condition and
 * whether a change to it restarts this service. Compose writes it from a Go map, so in no fixed
 * order; berth sorts it so the same project always gives the same label. Empty without dependencies.
 */
function dependsOnLabel(service: ServiceConfig): string {
  return Object.entries(service.depends_on ?? {})
    .map(([name, dependency]) => `${name}:${dependency.condition}:${dependency.restart ?? false}`)
    .sort()
    .join(',');
}
