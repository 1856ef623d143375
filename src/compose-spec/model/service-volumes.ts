import type { ByteCount, Extensions, StringMapping } from './common.js';

/** `bind`, `volume`, `tmpfs`, `image`, `npipe` or `cluster`. */
export type ServiceVolumeType = 'bind' | 'volume' | 'tmpfs' | 'image' | 'npipe' | 'cluster';

export interface ServiceVolumeBind extends Extensions {
  readonly propagation?: string;
  /** Create the host path when missing. Short syntax binds get `true`. */
  readonly create_host_path?: boolean;
  /** `z` (shared) or `Z` (private). */
  readonly selinux?: string;
  /** `enabled`, `disabled`, `writable` or `readonly`. */
  readonly recursive?: string;
}

export interface ServiceVolumeVolume extends Extensions {
  readonly labels?: StringMapping;
  readonly nocopy?: boolean;
  readonly subpath?: string;
}

export interface ServiceVolumeTmpfs extends Extensions {
  readonly size?: ByteCount;
  /** Permission bits as a number (`1777` octal prints as `1023`). */
  readonly mode?: number;
}

export interface ServiceVolumeImage extends Extensions {
  readonly subpath?: string;
}

/** A mount of a service, in long syntax. */
export interface ServiceVolumeConfig extends Extensions {
  readonly type: ServiceVolumeType;
  /** Host path (bind, absolute), volume name (volume), image reference (image); absent for anonymous volumes and tmpfs. */
  readonly source?: string;
  readonly target: string;
  readonly read_only?: boolean;
  readonly consistency?: string;
  readonly bind?: ServiceVolumeBind;
  readonly volume?: ServiceVolumeVolume;
  readonly tmpfs?: ServiceVolumeTmpfs;
  readonly image?: ServiceVolumeImage;
}
