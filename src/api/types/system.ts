/** `/_ping`, `/version` and `/info` (API v1.41). */

/** What `GET /_ping` says in its headers. */
export interface PingResult {
  /** `Api-Version`: the highest API version the engine speaks. */
  apiVersion: string;
  /** `Server`, e.g. `Docker/20.10.24 (linux)`. */
  server: string | undefined;
  /** `OSType`: `linux` or `windows`. */
  osType: string | undefined;
  /** `Docker-Experimental`. */
  experimental: boolean;
  /** `Builder-Version`: `1` (classic builder) or `2` (BuildKit). */
  builderVersion: string | undefined;
}

export interface VersionComponent {
  Name: string;
  Version: string;
  Details?: Record<string, string>;
}

/** `GET /version`. */
export interface VersionResponse {
  Platform?: { Name: string };
  Components?: VersionComponent[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  Experimental?: boolean;
  BuildTime?: string;
}

/** `GET /info`: the engine-wide facts berth reports or decides on. */
export interface SystemInfo {
  ID: string;
  Name: string;
  ServerVersion: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DockerRootDir: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  NCPU: number;
  MemTotal: number;
  CgroupDriver: string;
  CgroupVersion: string;
  DefaultRuntime: string;
  Runtimes: Record<string, { path: string; runtimeArgs?: string[] }>;
  Labels: string[];
  SecurityOptions: string[];
  /** Registry mirrors and insecure registries: where pulls of `docker.io` images go. */
  RegistryConfig?: {
    Mirrors: string[] | null;
    InsecureRegistryCIDRs: string[] | null;
    IndexConfigs: Record<string, { Name: string; Mirrors: string[]; Secure: boolean; Official: boolean }>;
  };
  Warnings: string[] | null;
}
