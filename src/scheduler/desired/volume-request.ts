import type { VolumeCreateRequest } from '../../api/index.js';
import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { composeLabels, composeVersionLabel } from '../contract/labels.js';
import { volumeName } from '../contract/names.js';
import { definedFields, mappingCopy } from './defined-fields.js';

/**
 * The `POST /volumes/create` body for the project's volume `key`, as Compose sends it: the
 * volume's own labels under the compose labels that mark it as the project's, its driver and
 * driver options.
 */
export function volumeCreateRequest(project: Project, key: string): VolumeCreateRequest {
  const volume = project.volumes?.[key];
  if (volume === undefined) {
    throw new BerthError({ code: 'VOLUME_NOT_DECLARED', kind: 'internal', message: `project "${project.name}" declares no volume "${key}"` });
  }
  return definedFields({
    Name: volumeName(project, key),
    Driver: volume.driver,
    DriverOpts: mappingCopy(volume.driver_opts),
    Labels: {
      ...volume.labels,
      [composeLabels.project]: project.name,
      [composeLabels.volume]: key,
      [composeLabels.version]: composeVersionLabel,
    },
  });
}
