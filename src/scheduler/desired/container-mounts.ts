import type { Mount } from '../../api/index.js';
import type { FileObjectConfig, FileReferenceConfig, Project, ServiceConfig, ServiceVolumeConfig } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { definedFields } from './defined-fields.js';

export interface ContainerVolumes {
  /** Bind mounts in `source:target:options` form: the only way API 1.41 creates a missing host path. */
  binds?: string[];
  mounts?: Mount[];
  /** `tmpfs:` strings: `{"/run": "size=64m"}`. */
  tmpfs?: Record<string, string>;
}

/** An anonymous volume of the replaced container: its engine name and where it was mounted. */
export interface InheritedVolume {
  name: string;
  target: string;
}

/**
 * A service's filesystem as Compose sends it (pkg/compose/create.go):
 *
 * - bind mounts that may create their host path and need no propagation or recursion option go
 *   to `Binds`, since the Mount API of 1.41 refuses a missing source; the others to `Mounts`;
 * - named volumes mount the top-level volume's engine name, anonymous ones have no source, or
 *   the inherited volume's name when the replaced container had one at that target;
 * - inherited volumes at targets the service does not mount (image `VOLUME`s) are mounted again;
 * - file-based secrets and configs are read-only binds, unless a volume already takes their target.
 *
 * `volume.subpath` (API 1.45) and `image` mounts (API 1.48) have no 1.41 form and are left out.
 */
export function containerVolumes(project: Project, service: ServiceConfig, serviceName: string, inherited: readonly InheritedVolume[]): ContainerVolumes {
  const binds: string[] = [];
  const mounts: Mount[] = [];
  const inheritedByTarget = new Map(inherited.map((volume) => [volume.target, volume.name]));
  const targets = new Set<string>();
  for (const volume of service.volumes ?? []) {
    targets.add(volume.target);
    if (volume.type === 'bind' && !needsMountApi(volume)) {
      binds.push(bindSpec(volume));
      continue;
    }
    const reused = volume.type === 'volume' && volume.source === undefined ? inheritedByTarget.get(volume.target) : undefined;
    const mount = reused === undefined ? volumeMount(project, volume) : inheritedMount(reused, volume.target, volume.read_only);
    if (mount) mounts.push(mount);
  }
  for (const { name, target } of inherited) {
    if (!targets.has(target)) {
      targets.add(target);
      mounts.push(inheritedMount(name, target, undefined));
    }
  }
  for (const mount of fileObjectMounts(project, serviceName, service)) {
    if (!targets.has(mount.Target)) {
      targets.add(mount.Target);
      mounts.push(mount);
    }
  }
  const tmpfs = tmpfsMap(service.tmpfs);
  return definedFields({ binds: binds.length > 0 ? binds : undefined, mounts: mounts.length > 0 ? mounts : undefined, tmpfs });
}

/** compose-go's `requireMountAPI`: options that the `Binds` string form cannot carry. */
function needsMountApi(volume: ServiceVolumeConfig): boolean {
  const bind = volume.bind;
  if (bind === undefined) return false;
  return bind.create_host_path !== true || bind.propagation !== undefined || bind.recursive !== undefined;
}

/** compose-go's `ServiceVolumeConfig.String()`: `source:target:rw|ro[,z|Z][,propagation][,nocopy]`. */
function bindSpec(volume: ServiceVolumeConfig): string {
  const options = [volume.read_only ? 'ro' : 'rw'];
  if (volume.bind?.selinux) options.push(volume.bind.selinux);
  if (volume.bind?.propagation) options.push(volume.bind.propagation);
  if (volume.volume?.nocopy) options.push('nocopy');
  return `${volume.source ?? ''}:${volume.target}:${options.join(',')}`;
}

function volumeMount(project: Project, volume: ServiceVolumeConfig): Mount | undefined {
  const common = { Target: volume.target, ReadOnly: volume.read_only, Consistency: volume.consistency };
  switch (volume.type) {
    case 'bind': {
      const propagation = volume.bind?.propagation;
      // `writable` and `readonly` recursion need API 1.44; only `disabled` has a 1.41 form.
      const nonRecursive = volume.bind?.recursive === 'disabled' ? true : undefined;
      const options = propagation !== undefined || nonRecursive ? definedFields({ Propagation: propagation, NonRecursive: nonRecursive }) : undefined;
      return definedFields<Mount>({ Type: 'bind', Source: volume.source, ...common, BindOptions: options });
    }
    case 'volume': {
      const source = volume.source === undefined ? undefined : (project.volumes?.[volume.source]?.name ?? volume.source);
      const options = volume.volume?.nocopy ? { NoCopy: true } : undefined;
      return definedFields<Mount>({ Type: 'volume', Source: source, ...common, VolumeOptions: options });
    }
    case 'tmpfs': {
      const size = volume.tmpfs?.size === undefined ? undefined : Number(volume.tmpfs.size);
      const options = volume.tmpfs === undefined ? undefined : definedFields({ SizeBytes: size, Mode: volume.tmpfs.mode });
      return definedFields<Mount>({ Type: 'tmpfs', ...common, TmpfsOptions: options });
    }
    case 'npipe':
      return definedFields<Mount>({ Type: 'npipe', Source: volume.source, ...common });
    default:
      return undefined;
  }
}

function inheritedMount(name: string, target: string, readOnly: boolean | undefined): Mount {
  return definedFields({ Type: 'volume', Source: name, Target: target, ReadOnly: readOnly });
}

/**
 * Secrets at `/run/secrets/<name>` and configs at `/<name>` (or their `target`, relative ones
 * under those directories), bind-mounted read-only from their `file`. Compose copies
 * `environment` and `content` sources into the container after creation; berth does not (yet),
 * so those are left out here.
 */
function fileObjectMounts(project: Project, serviceName: string, service: ServiceConfig): Mount[] {
  const secrets = (service.secrets ?? []).map((reference) => fileMount('secret', project.secrets?.[reference.source], reference, '/run/secrets/', serviceName));
  const configs = (service.configs ?? []).map((reference) => fileMount('config', project.configs?.[reference.source], reference, '/', serviceName));
  return [...secrets, ...configs].filter((mount): mount is Mount => mount !== undefined);
}

function fileMount(
  kind: 'secret' | 'config',
  definition: FileObjectConfig | undefined,
  reference: FileReferenceConfig,
  directory: string,
  serviceName: string,
): Mount | undefined {
  if (definition === undefined) return undefined;
  const unsupported = definition.external ? 'external' : definition.driver !== undefined ? 'driver' : definition.template_driver !== undefined ? 'template_driver' : undefined;
  if (unsupported !== undefined) {
    throw new BerthError({
      code: 'FILE_OBJECT_UNSUPPORTED',
      kind: 'invalid-project',
      message: `service "${serviceName}": ${kind} "${reference.source}" uses ${unsupported}, which needs Swarm`,
      hint: `give the ${kind} a file, environment or content source instead`,
    });
  }
  if (definition.file === undefined) return undefined;
  const target = reference.target === undefined ? directory + reference.source : reference.target.startsWith('/') ? reference.target : directory + reference.target;
  return { Type: 'bind', Source: definition.file, Target: target, ReadOnly: true };
}

/** `tmpfs: ["/run:size=64m"]` as `{"/run": "size=64m"}`; a path alone gets `""`. */
function tmpfsMap(entries: readonly string[] | undefined): Record<string, string> | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map((entry) => {
      const colon = entry.indexOf(':');
      return colon === -1 ? [entry, ''] : [entry.slice(0, colon), entry.slice(colon + 1)];
    }),
  );
}
