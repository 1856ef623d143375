/**
 * Container shapes (API v1.41): what `POST /containers/create` accepts and what list, inspect,
 * wait and top answer. Only what berth's compose commands read or write is declared.
 */
import type { Labels, Nanoseconds } from './common.js';
import type { EndpointSettings } from './networks.js';

/** `"80/tcp"`, `"53/udp"`: the keys of ExposedPorts, PortBindings and NetworkSettings.Ports. */
export type PortKey = string;

/** One host side of a published port; `HostPort` `""` or `"0"` lets the engine choose. */
export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** `healthcheck:` in Compose. Test is `["NONE"]`, `["CMD", ...]` or `["CMD-SHELL", "..."]`. */
export interface HealthConfig {
  Test?: string[];
  Interval?: Nanoseconds;
  Timeout?: Nanoseconds;
  StartPeriod?: Nanoseconds;
  /** API 1.44 and later: how often to probe during the start period. */
  StartInterval?: Nanoseconds;
  Retries?: number;
}

/** The part of a container's configuration that is about the process (Compose's service keys). */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  /** `{"80/tcp": {}}`. */
  ExposedPorts?: Record<PortKey, Record<string, never>>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  /** `NAME=value` strings. */
  Env?: string[];
  Cmd?: string[];
  Healthcheck?: HealthConfig;
  Image?: string;
  /** Anonymous volume paths: `{"/data": {}}`. */
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  /** An empty list clears the image's entrypoint; leaving it out keeps it. */
  Entrypoint?: string[];
  NetworkDisabled?: boolean;
  MacAddress?: string;
  Labels?: Labels;
  StopSignal?: string;
  /** Seconds to wait after StopSignal before SIGKILL (Compose's `stop_grace_period`). */
  StopTimeout?: number;
}

export interface RestartPolicy {
  Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';
  MaximumRetryCount?: number;
}

/** `HostConfig.Mounts`: Compose's long volume syntax. */
export interface Mount {
  Type: 'bind' | 'volume' | 'tmpfs' | 'npipe';
  Target: string;
  Source?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Labels; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

/** A mount as inspect and list report it. */
export interface MountPoint {
  Type: string;
  /** The volume's name, for volume mounts. */
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

export interface Ulimit {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/** The part of a container's configuration that is about the host: mounts, ports, limits. */
export interface HostConfig {
  /** `source:target[:options]` strings, Compose's short volume syntax. */
  Binds?: string[];
  LogConfig?: { Type: string; Config?: Record<string, string> };
  /** `bridge`, `host`, `none`, `container:ID`, or a network's name. */
  NetworkMode?: string;
  PortBindings?: Record<PortKey, PortBinding[]>;
  RestartPolicy?: RestartPolicy;
  AutoRemove?: boolean;
  VolumesFrom?: string[];
  CapAdd?: string[];
  CapDrop?: string[];
  CgroupnsMode?: 'private' | 'host';
  Dns?: string[];
  DnsOptions?: string[];
  DnsSearch?: string[];
  /** `host:ip` strings. */
  ExtraHosts?: string[];
  GroupAdd?: string[];
  IpcMode?: string;
  Links?: string[];
  OomScoreAdj?: number;
  PidMode?: string;
  Privileged?: boolean;
  PublishAllPorts?: boolean;
  ReadonlyRootfs?: boolean;
  SecurityOpt?: string[];
  /** `{"/run": "size=64m"}`. */
  Tmpfs?: Record<string, string>;
  UTSMode?: string;
  UsernsMode?: string;
  ShmSize?: number;
  Sysctls?: Record<string, string>;
  Runtime?: string;
  Memory?: number;
  MemoryReservation?: number;
  MemorySwap?: number;
  NanoCpus?: number;
  CpuShares?: number;
  CpuQuota?: number;
  CpuPeriod?: number;
  CpusetCpus?: string;
  PidsLimit?: number | null;
  Ulimits?: Ulimit[];
  Devices?: DeviceMapping[];
  Mounts?: Mount[];
  /** Run an init (tini) as PID 1; null means the engine's default. */
  Init?: boolean | null;
}

/**
 * The networks to join at creation, by network name. API 1.41 accepts only ONE entry here;
 * further networks are joined with `POST /networks/{id}/connect` before start.
 */
export interface NetworkingConfig {
  EndpointsConfig?: Record<string, EndpointSettings>;
}

/** `POST /containers/create` body. */
export interface ContainerCreateRequest extends ContainerConfig {
  Image: string;
  HostConfig?: HostConfig;
  NetworkingConfig?: NetworkingConfig;
}

/** `POST /containers/create` answer (201). */
export interface ContainerCreateResponse {
  Id: string;
  Warnings: string[] | null;
}

/** `"created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead"`. */
export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** One port in a container list entry; PublicPort only when published. */
export interface ContainerPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: 'tcp' | 'udp' | 'sctp';
}

/** `GET /containers/json` entries. */
export interface ContainerSummary {
  Id: string;
  /** With a leading slash: `["/demo-web-1"]`. */
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  /** Unix seconds. */
  Created: number;
  Ports: ContainerPort[];
  Labels: Labels;
  State: ContainerStatus;
  /** Human text: `Up 3 minutes (healthy)`, `Exited (0) 5 seconds ago`. */
  Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
}

export interface HealthLogEntry {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

export interface ContainerHealth {
  Status: 'none' | 'starting' | 'healthy' | 'unhealthy';
  FailingStreak: number;
  Log: HealthLogEntry[] | null;
}

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  /** RFC 3339; `0001-01-01T00:00:00Z` when never started. */
  StartedAt: string;
  FinishedAt: string;
  /** Present only for containers with a health check. */
  Health?: ContainerHealth;
}

/** `GET /containers/{id}/json`. */
export interface ContainerInspect {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  /** The image id (`sha256:...`); Config.Image is the reference it was created from. */
  Image: string;
  /** With a leading slash: `/demo-web-1`. */
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  LogPath: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  ExecIDs: string[] | null;
  Config: ContainerConfig & { Image: string; Labels: Labels };
  HostConfig: HostConfig;
  NetworkSettings: {
    SandboxKey: string;
    /** Published ports; a value is null for an exposed port that is not published. */
    Ports: Record<PortKey, PortBinding[] | null>;
    Networks: Record<string, EndpointSettings>;
    /** The default bridge's address, empty on user networks. */
    IPAddress: string;
    Gateway: string;
  };
  Mounts: MountPoint[];
}

/** `POST /containers/{id}/wait?condition=`. */
export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

/** `POST /containers/{id}/wait` answer. Error is set when the engine could not tell the exit code. */
export interface ContainerWaitResponse {
  StatusCode: number;
  Error?: { Message: string } | null;
}

/** `GET /containers/{id}/top`: `ps` columns and rows. */
export interface ContainerTopResponse {
  Titles: string[];
  Processes: string[][];
}

/** `X-Docker-Container-Path-Stat` of an archive GET, base64 JSON: the path's stat inside the container. */
export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}
