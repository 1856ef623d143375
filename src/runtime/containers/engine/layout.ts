import { join } from 'node:path';
import type { ContainerHandle } from '../monitor/index.js';

/**
 * Where a container's files live. What must outlive a reboot (the record, the log, the writable
 * layer, the hostname/hosts/resolv.conf files) is under the state directory, beside the record, as
 * Docker keeps it; what belongs to one run (the OCI bundle, conmon's files, runc's state) is under
 * the run directory, which a reboot empties.
 */
export interface ContainerLayout {
  /** `<state>/containers/<id>`: the record's directory (ContainerRecords.directory). */
  directory: string;
  /** The overlay's diff, work and merged directories (rootfs/). */
  rootfs: string;
  bundle: string;
  monitor: string;
}

export function containerLayout(recordDirectory: string, runDirectory: string, id: string): ContainerLayout {
  return {
    directory: recordDirectory,
    rootfs: join(recordDirectory, 'rootfs'),
    bundle: join(runDirectory, 'bundles', id),
    monitor: join(runDirectory, 'monitors', id),
  };
}

export function containerHandle(layout: ContainerLayout, id: string, logPath: string): ContainerHandle {
  return { id, bundle: layout.bundle, monitorDirectory: layout.monitor, logPath };
}
