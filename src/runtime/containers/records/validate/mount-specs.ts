import type { HostConfig } from '../../../../api/types/containers.js';
import { invalidConfig } from './config-error.js';
import { parseBind, parseMount, parseTmpfs, type MountSpec } from './mount-spec.js';

/**
 * Every mount HostConfig asks for, parsed and checked, in the order given: Binds, then Mounts,
 * then Tmpfs. Two on one destination are refused with Docker's text; Docker lets a Tmpfs entry
 * silently win over a bind at the same place, berth refuses that too rather than drop a mount.
 */
export function mountSpecs(host: HostConfig, pathExists: (path: string) => boolean): MountSpec[] {
  const specs = [
    ...(host.Binds ?? []).map((raw, index) => parseBind(`HostConfig.Binds[${index}]`, raw)),
    ...(host.Mounts ?? []).map((mount, index) => parseMount(`HostConfig.Mounts[${index}]`, mount, pathExists)),
    ...Object.entries(host.Tmpfs ?? {}).map(([destination, options]) => parseTmpfs(`HostConfig.Tmpfs["${destination}"]`, destination, options)),
  ];
  const seen = new Map<string, MountSpec>();
  for (const spec of specs) {
    const earlier = seen.get(spec.Destination);
    if (earlier) {
      throw invalidConfig(spec.Field, spec.Destination, `Duplicate mount point: ${spec.Destination}`, `${earlier.Field} mounts there already; mount one of them somewhere else`);
    }
    seen.set(spec.Destination, spec);
  }
  return specs;
}
