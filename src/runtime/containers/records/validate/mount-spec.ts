import type { Labels } from '../../../../api/types/common.js';
import type { Mount } from '../../../../api/types/containers.js';
import { BerthError } from '../../../../errors/index.js';
import { checkVolumeName } from '../../../volumes/index.js';
import { invalidConfig } from './config-error.js';
import { checkDestination, clean } from './destination.js';
import { checkTmpfsOptions, tmpfsData } from './tmpfs-options.js';

/**
 * One mount of a container as given in HostConfig.Binds, HostConfig.Mounts or HostConfig.Tmpfs,
 * parsed and checked the way Docker's Linux parser does it, before any volume exists.
 */
export interface MountSpec {
  Type: 'bind' | 'volume' | 'tmpfs';
  /** A bind's host path (cleaned), a volume's name (`''` when anonymous), `''` for tmpfs. */
  Source: string;
  Destination: string;
  ReadOnly: boolean;
  /** A Binds entry's options as written (`ro,z`); `''` otherwise. */
  Mode: string;
  /** Binds: as given, or `rprivate`; `''` for volumes and tmpfs. */
  Propagation: string;
  /** Volumes: `nocopy`, so the image's content is not copied in. */
  NoCopy: boolean;
  /** Binds create a missing source directory as Docker does; a Mounts bind refuses one. */
  CreateSource: boolean;
  /** A Mounts volume's labels and driver options, for the volume made when it does not exist. */
  VolumeLabels?: Labels;
  VolumeDriverOptions?: Record<string, string>;
  /** tmpfs mount data: `size=64m,mode=1777`. */
  TmpfsData?: string;
  /** Which list it came from: Config.Volumes gives anonymous volumes for the image's VOLUME paths. */
  Origin: 'Binds' | 'Mounts' | 'Tmpfs' | 'Volumes';
  /** Where it was given, for messages: `HostConfig.Binds[0]`. */
  Field: string;
}

const propagations = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];
const modeGroups: ReadonlyArray<readonly string[]> = [['ro', 'rw'], ['z', 'Z'], propagations, ['nocopy'], ['consistent', 'cached', 'delegated']];
const specHint = 'write SOURCE:DESTINATION[:OPTIONS], SOURCE an absolute host path or a volume name: /srv/app:/app:ro, pgdata:/var/lib/postgresql/data';
const modeHint = 'options are a comma-separated list with at most one of each: ro or rw, z or Z, nocopy (volumes), a propagation (rprivate, private, rshared, shared, rslave, slave)';

/** A Binds entry: `source:destination[:options]`, or a lone `destination` for an anonymous volume. */
export function parseBind(field: string, raw: string): MountSpec {
  const parts = raw.split(':');
  if (parts[0] === '' || parts.length > 3) throw invalidSpec(field, raw, 'expected SOURCE:DESTINATION[:OPTIONS] or DESTINATION', specHint);
  let source = '';
  let destination: string;
  let mode = '';
  if (parts.length === 1) destination = parts[0]!;
  else if (parts.length === 2) {
    // `/data:rw` is a destination with options but no source: not a valid spec.
    if (validMode(parts[1]!)) throw invalidSpec(field, raw, 'options need a source too', specHint);
    [source, destination] = parts as [string, string];
  } else [source, destination, mode] = parts as [string, string, string];
  if (!validMode(mode)) throw invalidConfig(field, raw, `invalid mode: ${mode}`, modeHint);
  const options = mode === '' ? [] : mode.split(',');
  const type = source.startsWith('/') ? 'bind' : 'volume';
  const propagation = options.find((option) => propagations.includes(option));
  const noCopy = options.includes('nocopy');
  if (type === 'volume' && propagation) {
    throw invalidSpec(field, raw, 'invalid mount config for type "volume": field BindOptions must not be specified', `propagation applies to bind mounts only; drop "${propagation}"`);
  }
  if (type === 'bind' && noCopy) {
    throw invalidSpec(field, raw, 'invalid mount config for type "bind": field VolumeOptions must not be specified', 'nocopy applies to volumes only; drop it');
  }
  const cleanDestination = checkDestination(field, raw, destination);
  if (type === 'volume' && source !== '') checkName(field, raw, source);
  return {
    Type: type,
    Source: type === 'bind' ? clean(source) : source,
    Destination: cleanDestination,
    ReadOnly: options.includes('ro'),
    Mode: mode,
    Propagation: type === 'bind' ? (propagation ?? 'rprivate') : '',
    NoCopy: noCopy,
    CreateSource: type === 'bind',
    Origin: 'Binds',
    Field: field,
  };
}

/** A Mounts entry (Compose's long syntax), checked as Docker's validateMountConfig does. */
export function parseMount(field: string, mount: Mount, pathExists: (path: string) => boolean): MountSpec {
  const fail = (problem: string, fix: string): BerthError => invalidConfig(field, mount, `invalid mount config for type "${mount.Type}": ${problem}`, fix);
  const destination = checkDestination(`${field}.Target`, mount.Target ?? '', mount.Target ?? '');
  const base = { Destination: destination, ReadOnly: mount.ReadOnly === true, Mode: '', Propagation: '', NoCopy: false, CreateSource: false, Origin: 'Mounts' as const, Field: field };
  switch (mount.Type) {
    case 'bind': {
      if (!mount.Source) throw fail('field Source must not be empty', 'give the host path to mount');
      const propagation = mount.BindOptions?.Propagation;
      if (propagation && !propagations.includes(propagation)) throw fail(`invalid propagation mode: ${propagation}`, `use one of ${propagations.join(', ')}`);
      if (mount.VolumeOptions) throw fail('field VolumeOptions must not be specified', 'VolumeOptions go with type volume; drop them from a bind');
      if (!mount.Source.startsWith('/')) throw fail(`invalid mount path: '${mount.Source}' mount path must be absolute`, 'give the host path from the root, e.g. /srv/data');
      if (!pathExists(mount.Source)) throw fail(`bind source path does not exist: ${mount.Source}`, `create ${mount.Source} first, or use the short syntax (Binds), which creates it`);
      return { ...base, Type: 'bind', Source: clean(mount.Source), Propagation: propagation || 'rprivate' };
    }
    case 'volume': {
      if (mount.BindOptions) throw fail('field BindOptions must not be specified', 'BindOptions go with type bind; drop them from a volume');
      const anonymous = !mount.Source;
      if (mount.ReadOnly && anonymous) throw fail('must not set ReadOnly mode when using anonymous volumes', 'name the volume, or leave ReadOnly out');
      if (!anonymous) checkName(field, mount, mount.Source!);
      const driver = mount.VolumeOptions?.DriverConfig?.Name;
      if (driver && driver !== 'local') throw fail(`volume driver "${driver}" is not available`, 'berth has the local volume driver only; leave the driver out');
      return {
        ...base,
        Type: 'volume',
        Source: mount.Source ?? '',
        NoCopy: mount.VolumeOptions?.NoCopy === true,
        ...(mount.VolumeOptions?.Labels ? { VolumeLabels: mount.VolumeOptions.Labels } : {}),
        ...(mount.VolumeOptions?.DriverConfig?.Options ? { VolumeDriverOptions: mount.VolumeOptions.DriverConfig.Options } : {}),
      };
    }
    case 'tmpfs': {
      if (mount.BindOptions) throw fail('field BindOptions must not be specified', 'drop BindOptions from a tmpfs mount');
      if (mount.Source) throw fail('field Source must not be specified', 'a tmpfs mount has no source; drop it');
      const size = mount.TmpfsOptions?.SizeBytes ?? 0;
      const mode = mount.TmpfsOptions?.Mode ?? 0;
      if (!Number.isInteger(size) || size < 0) throw fail(`invalid tmpfs size ${size}`, 'give SizeBytes as a whole number of bytes, or 0 for the default');
      if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw fail(`invalid tmpfs mode ${mode}`, 'give Mode as file mode bits, e.g. 1023 for 01777');
      return { ...base, Type: 'tmpfs', Source: '', TmpfsData: tmpfsData(mount.ReadOnly === true, size, mode) };
    }
    default:
      throw fail('mount type unknown', 'use bind, volume or tmpfs');
  }
}

/** A HostConfig.Tmpfs entry: `{"/run": "size=64m,mode=1777"}`. */
export function parseTmpfs(field: string, destination: string, options: string): MountSpec {
  const cleaned = checkDestination(field, destination, destination);
  checkTmpfsOptions(field, options);
  return { Type: 'tmpfs', Source: '', Destination: cleaned, ReadOnly: options.split(',').includes('ro'), Mode: '', Propagation: '', NoCopy: false, CreateSource: false, TmpfsData: options, Origin: 'Tmpfs', Field: field };
}

/** Docker's linuxValidMountMode: known options, at most one of each kind. */
function validMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = new Map<number, number>();
  for (const option of mode.split(',')) {
    const group = modeGroups.findIndex((members) => members.includes(option));
    if (group < 0) return false;
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return [...counts.values()].every((count) => count === 1);
}

function checkName(field: string, value: unknown, name: string): void {
  try {
    checkVolumeName(name);
  } catch (error) {
    if (!(error instanceof BerthError)) throw error;
    throw invalidConfig(field, value, error.message, error.hint ?? 'give a volume name or an absolute host path');
  }
}

function invalidSpec(field: string, raw: string, problem: string, fix: string): BerthError {
  return invalidConfig(field, raw, `invalid volume specification: '${raw}': ${problem}`, fix);
}
