import { BerthError } from '../../../errors/index.js';
import type { ContainerConfig, HostConfig } from '../../../api/types/containers.js';
import { containerCapabilities } from './capabilities.js';
import { commandArgv } from './command.js';
import { layOutMounts, type ContainerMount } from './container-mounts.js';
import { defaultDeviceRules, defaultInitBinary, defaultMounts, defaultShmSizeBytes, initPathInContainer, maskedPaths, readonlyPaths } from './docker-defaults.js';
import { processEnvironment } from './environment.js';
import type { HostFacts } from './host-facts.js';
import { namespaceChoices, namespaceSpecs, type NamespaceChoices } from './namespaces.js';
import type { CapabilitiesSpec, DeviceSpec, MountSpec, RuntimeSpec, SeccompSpec } from './oci-types.js';
import { oomScoreAdj, rlimitSpecs } from './process-limits.js';
import { mergeProcessConfig, workingDirectory, type ImageProcessConfig } from './process-config.js';
import type { ResolvedUser } from './resolve-user.js';
import { resourcesSpec } from './resources.js';
import { seccompSpec, type SeccompTarget } from './seccomp.js';
import { parseSeccompProfile, type SeccompProfile } from './seccomp-profile.js';
import { parseSecurityOptions, type SecurityOptions } from './security-options.js';
import { sysctlSpec } from './sysctls.js';

/** Everything a container's OCI spec is made from, with the I/O already done (see createRuntimeSpec). */
export interface RuntimeSpecInput {
  /** The container's id: the default hostname is its first 12 characters. */
  id: string;
  /** The image as the user named it, for errors. */
  imageName: string;
  image: ImageProcessConfig;
  config: ContainerConfig;
  hostConfig: HostConfig;
  /** The container's root filesystem on the host (its mounted overlay). */
  rootfs: string;
  /** The merged user resolved in the root filesystem (resolveUser with mergeProcessConfig's User and GroupAdd). */
  user: ResolvedUser;
  /** Binds, volumes, tmpfs and the hostname/hosts/resolv.conf files, resolved to host paths. */
  mounts: readonly ContainerMount[];
  /** Namespaces the engine resolved (a network namespace path, another container's); the rest follow HostConfig. */
  namespaces?: Partial<NamespaceChoices>;
  /** The cgroup, such as `/berth/<id>`. */
  cgroupsPath: string;
  /** The engine's default profile, used unless security_opt gives one or says unconfined. */
  seccompProfile: SeccompProfile;
  host: HostFacts;
  /** The host's devices, given to a privileged container (see hostDevices); ignored otherwise. */
  hostDevices: readonly DeviceSpec[];
  /** The static init bound at /sbin/docker-init for `init: true`; Debian's tini-static by default. */
  initBinary?: string;
}

/**
 * The OCI runtime spec of a container, as Docker 20.10 would give runc for the same image and
 * configuration, with the differences berth chooses documented where they are made (two more
 * masked paths, seccomp's defaultErrnoRet kept, RLIMIT_NOFILE always set, "all capabilities"
 * limited to what the engine holds). Pure: the same input gives the same spec.
 */
export function buildRuntimeSpec(input: RuntimeSpecInput): RuntimeSpec {
  const { config, hostConfig, host } = input;
  if (hostConfig.Devices?.length) {
    throw new BerthError({
      code: 'CONTAINER_DEVICES_UNSUPPORTED',
      kind: 'usage',
      message: `devices are not supported by berth's engine yet (asked for ${hostConfig.Devices.map((device) => device.PathOnHost).join(', ')})`,
      hint: 'remove `devices:` from the service, or run it on Docker',
    });
  }
  const merged = mergeProcessConfig(config, input.image);
  const security = parseSecurityOptions(hostConfig.SecurityOpt);
  const privileged = hostConfig.Privileged === true;
  const namespaces = namespaceChoices(hostConfig, input.namespaces);
  const capabilities = containerCapabilities({ capAdd: hostConfig.CapAdd, capDrop: hostConfig.CapDrop, privileged }, host);
  const hostname = config.Hostname || input.id.slice(0, 12);

  // Docker adds its init only in a PID namespace of the container's own, where it is PID 1.
  const withInit = hostConfig.Init === true && namespaces.pid === 'new';
  const argv = commandArgv(merged, input.imageName);

  const defaults = defaultMountsFor(hostConfig, withInit ? (input.initBinary ?? defaultInitBinary) : undefined);
  const mounts = layOutMounts(defaults, [...input.mounts, ...ipcMounts(hostConfig)], hostConfig.ReadonlyRootfs === true);
  const seccomp = privileged ? undefined : containerSeccomp(security, input.seccompProfile, { architecture: host.architecture, capabilities, kernel: host.kernel });

  const spec: RuntimeSpec = {
    ociVersion: '1.0.2-dev',
    process: {
      ...(config.Tty ? { terminal: true } : {}),
      user: { uid: input.user.uid, gid: input.user.gid, additionalGids: input.user.additionalGids },
      args: withInit ? [initPathInContainer, '--', ...argv] : argv,
      env: processEnvironment({ env: merged.Env, hostname, tty: config.Tty === true, home: input.user.home }),
      cwd: workingDirectory(merged.WorkingDir),
      capabilities: capabilitySets(capabilities, input.user.uid),
      rlimits: rlimitSpecs(hostConfig.Ulimits, host),
      ...(security.noNewPrivileges ? { noNewPrivileges: true } : {}),
      oomScoreAdj: oomScoreAdj(hostConfig.OomScoreAdj, host),
    },
    root: { path: input.rootfs, ...(hostConfig.ReadonlyRootfs ? { readonly: true } : {}) },
    ...(namespaces.uts === 'host' ? {} : { hostname }),
    mounts: privileged ? mounts.mounts.map(writableForPrivileged) : mounts.mounts,
    linux: {
      sysctl: sysctlSpec({ sysctls: hostConfig.Sysctls, domainname: config.Domainname, namespaces, kernelHas: host.kernelHas }),
      resources: resourcesSpec(hostConfig, privileged ? [{ allow: true, access: 'rwm' }] : defaultDeviceRules, host.swapAccounting),
      cgroupsPath: input.cgroupsPath,
      namespaces: namespaceSpecs(namespaces),
      ...(mounts.rootfsPropagation ? { rootfsPropagation: mounts.rootfsPropagation } : {}),
      ...(privileged && input.hostDevices.length > 0 ? { devices: [...input.hostDevices] } : {}),
      ...(seccomp ? { seccomp } : {}),
      ...(privileged ? {} : { maskedPaths: [...maskedPaths], readonlyPaths: [...readonlyPaths] }),
    },
  };
  return spec;
}

/** No seccomp for `seccomp=unconfined` (or a privileged container); else the given profile, or the engine's. */
function containerSeccomp(security: SecurityOptions, engineProfile: SeccompProfile, target: SeccompTarget): SeccompSpec | undefined {
  if (security.seccomp === 'unconfined') return undefined;
  const profile = security.seccomp === 'default' ? engineProfile : parseSeccompProfile(security.seccomp.profileJson, 'security_opt');
  return seccompSpec(profile, target);
}

function defaultMountsFor(hostConfig: HostConfig, initBinary: string | undefined): MountSpec[] {
  const shmSize = hostConfig.ShmSize && hostConfig.ShmSize > 0 ? hostConfig.ShmSize : defaultShmSizeBytes;
  // `ipc: none` has no /dev/shm; `ipc: host` binds the host's (see ipcMounts).
  const mounts = defaultMounts(shmSize).filter((mount) => !(mount.destination === '/dev/shm' && hostConfig.IpcMode === 'none'));
  if (initBinary !== undefined) mounts.push({ destination: initPathInContainer, type: 'bind', source: initBinary, options: ['bind', 'ro'] });
  return mounts;
}

function ipcMounts(hostConfig: HostConfig): ContainerMount[] {
  return hostConfig.IpcMode === 'host' ? [{ type: 'bind', source: '/dev/shm', destination: '/dev/shm', propagation: 'rprivate' }] : [];
}

/** Root holds its capabilities; any other user starts with none effective, as execve would leave it (Docker 20.10.14+). */
function capabilitySets(capabilities: string[], uid: number): CapabilitiesSpec {
  return uid === 0 ? { bounding: capabilities, effective: capabilities, permitted: capabilities } : { bounding: capabilities };
}

/** A privileged container may write /sys and its cgroups. */
function writableForPrivileged(mount: MountSpec): MountSpec {
  return mount.destination === '/sys' || mount.type === 'cgroup' ? { ...mount, options: mount.options.filter((option) => option !== 'ro') } : mount;
}
