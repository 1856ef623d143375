import type { HostConfig, MountPoint } from '../../../api/types/containers.js';
import { BerthError } from '../../../errors/index.js';
import type { MergedConfig } from './merge-image-config.js';
import { checkDestination } from './validate/destination.js';
import { mountSpecs } from './validate/mount-specs.js';
import type { MountSpec } from './validate/mount-spec.js';
import { machineHost } from './validate/validate-config.js';

/**
 * Every mount of a container: HostConfig's Binds, Mounts and Tmpfs, then an anonymous volume for
 * each Config.Volumes path (the image's VOLUMEs and the container's own) that nothing else is
 * mounted on, as Docker's create adds them. The engine then creates the volumes (named ones that
 * do not exist, and a fresh name for each anonymous one), copies the image's content into them
 * unless NoCopy, and records each as mountPoint() describes it. Sorted by destination.
 */
export function planMounts(config: MergedConfig, host: HostConfig, pathExists: (path: string) => boolean = machineHost.pathExists): MountSpec[] {
  const given = mountSpecs(host, pathExists);
  const taken = new Set(given.map((spec) => spec.Destination));
  const anonymous: MountSpec[] = [];
  for (const path of Object.keys(config.Volumes ?? {}).sort()) {
    const field = `Config.Volumes["${path}"]`;
    const destination = checkDestination(field, path, path);
    if (taken.has(destination)) continue;
    taken.add(destination);
    anonymous.push({ Type: 'volume', Source: '', Destination: destination, ReadOnly: false, Mode: '', Propagation: '', NoCopy: false, CreateSource: false, Origin: 'Volumes', Field: field });
  }
  return [...given, ...anonymous].sort((a, b) => (a.Destination < b.Destination ? -1 : a.Destination > b.Destination ? 1 : 0));
}

/**
 * A planned mount as inspect lists it under Mounts, in Docker's shape: a volume gives its name and
 * `_data` path, and the mode `z` when it came from Binds or Mounts without options (Docker's
 * default label mode), `''` for an image's VOLUME. HostConfig.Tmpfs entries are not listed, as in Docker.
 */
export function mountPoint(spec: MountSpec, volume?: { name: string; mountpoint: string }): MountPoint | undefined {
  const RW = !spec.ReadOnly;
  switch (spec.Type) {
    case 'bind':
      return { Type: 'bind', Source: spec.Source, Destination: spec.Destination, Mode: spec.Mode, RW, Propagation: spec.Propagation };
    case 'volume': {
      if (!volume) {
        throw new BerthError({ code: 'MOUNT_VOLUME_MISSING', kind: 'internal', message: `no volume was given for ${spec.Field} (${spec.Destination})`, hint: 'create the volume first and pass its name and mountpoint' });
      }
      const Mode = spec.Mode === '' && spec.Origin !== 'Volumes' ? 'z' : spec.Mode;
      return { Type: 'volume', Name: volume.name, Source: volume.mountpoint, Destination: spec.Destination, Driver: 'local', Mode, RW, Propagation: '' };
    }
    case 'tmpfs':
      return spec.Origin === 'Tmpfs' ? undefined : { Type: 'tmpfs', Source: '', Destination: spec.Destination, Mode: '', RW, Propagation: '' };
  }
}
