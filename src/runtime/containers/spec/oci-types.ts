/**
 * The part of the OCI runtime specification (config.json, runtime-spec 1.0.2 as runc 1.1.5 reads
 * it) that berth writes. Field names and nesting are the specification's; optional fields are left
 * out rather than written empty, as Docker leaves them out.
 *
 * Values the specification declares uint64 (rlimits) are bigints: RLIM_INFINITY does not fit in a
 * JavaScript number, so `runtimeSpecJson` writes them as exact integers.
 */
export interface RuntimeSpec {
  ociVersion: string;
  process: ProcessSpec;
  root: { path: string; readonly?: boolean };
  hostname?: string;
  mounts: MountSpec[];
  linux: LinuxSpec;
}

export interface ProcessSpec {
  terminal?: boolean;
  user: UserSpec;
  args: string[];
  env: string[];
  cwd: string;
  capabilities: CapabilitiesSpec;
  rlimits: RlimitSpec[];
  noNewPrivileges?: boolean;
  oomScoreAdj: number;
}

export interface UserSpec {
  uid: number;
  gid: number;
  additionalGids: number[];
}

/** No `inheritable` and no `ambient`: Docker (since 20.10.14) never sets them. */
export interface CapabilitiesSpec {
  bounding: string[];
  effective?: string[];
  permitted?: string[];
}

export interface RlimitSpec {
  type: string;
  hard: bigint;
  soft: bigint;
}

export interface MountSpec {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

export interface LinuxSpec {
  sysctl: Record<string, string>;
  resources: ResourcesSpec;
  cgroupsPath: string;
  namespaces: NamespaceSpec[];
  rootfsPropagation?: string;
  devices?: DeviceSpec[];
  seccomp?: SeccompSpec;
  maskedPaths?: string[];
  readonlyPaths?: string[];
}

export type NamespaceType = 'mount' | 'network' | 'uts' | 'pid' | 'ipc' | 'cgroup';

export interface NamespaceSpec {
  type: NamespaceType;
  path?: string;
}

export interface ResourcesSpec {
  devices: DeviceRuleSpec[];
  memory?: { limit?: number; reservation?: number; swap?: number };
  cpu?: { shares?: number; quota?: number; period?: number; cpus?: string };
  pids?: { limit: number };
}

/** A device cgroup rule; no type and no numbers mean every device. */
export interface DeviceRuleSpec {
  allow: boolean;
  type?: 'a' | 'c' | 'b';
  major?: number;
  minor?: number;
  access: string;
}

/** A device node runc creates in the container's /dev. */
export interface DeviceSpec {
  path: string;
  type: 'c' | 'b';
  major: number;
  minor: number;
  fileMode: number;
  uid: number;
  gid: number;
}

export interface SeccompSpec {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  flags?: string[];
  listenerPath?: string;
  listenerMetadata?: string;
  syscalls: SeccompSyscallSpec[];
}

export interface SeccompSyscallSpec {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: SeccompArgSpec[];
}

export interface SeccompArgSpec {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
}
