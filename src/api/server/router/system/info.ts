import { readdirSync } from 'node:fs';
import { machine } from 'node:os';
import { listImages } from '../../../../runtime/images/index.js';
import type { SystemInfo } from '../../../types/system.js';
import type { EngineParts } from '../../engine-parts.js';
import { hostFacts } from './host-facts.js';
import { kernelSupport, type KernelSupport } from './kernel-support.js';
import { registryConfig, type RegistryConfig } from './registry-config.js';
import type { RuntimeVersion } from './runtime-version.js';

/** `/info` as dockerd 20.10 fills it, less swarm and the plugins berth does not have. */
export type InfoResponse = SystemInfo &
  KernelSupport & {
    OSVersion: string;
    KernelVersion: string;
    DriverStatus: [string, string][];
    LoggingDriver: string;
    Plugins: { Volume: string[]; Network: string[]; Authorization: null; Log: string[] };
    RegistryConfig: RegistryConfig;
    IndexServerAddress: string;
    SystemTime: string;
    NFd: number;
    Debug: boolean;
    ExperimentalBuild: boolean;
    LiveRestoreEnabled: boolean;
    HttpProxy: string;
    HttpsProxy: string;
    NoProxy: string;
    Swarm: { NodeID: string; NodeAddr: string; LocalNodeState: 'inactive'; ControlAvailable: boolean; Error: string; RemoteManagers: null };
    ContainerdCommit: { ID: string; Expected: string };
    RuncCommit: { ID: string; Expected: string };
    InitCommit: { ID: string; Expected: string };
  };

export type InfoBackend = Pick<EngineParts, 'containers' | 'images' | 'registry' | 'facts'>;

export async function systemInfo(backend: InfoBackend, runtime: RuntimeVersion | undefined): Promise<InfoResponse> {
  const host = hostFacts();
  const { facts } = backend;
  const counts = containerCounts(backend.containers.list({ all: true }).map((container) => container.State));
  const images = await listImages(backend.images);
  const runcCommit = runtime?.commit ?? '';
  return {
    ID: facts.id,
    Name: facts.name,
    ServerVersion: facts.version,
    ...counts,
    Images: images.length,
    Driver: 'overlay2',
    DriverStatus: [],
    DockerRootDir: facts.dataRoot,
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file'] },
    ...kernelSupport(host),
    Debug: false,
    NFd: openFiles(),
    SystemTime: new Date().toISOString(),
    LoggingDriver: 'json-file',
    CgroupDriver: 'cgroupfs',
    CgroupVersion: host.cgroupVersion,
    KernelVersion: host.kernelVersion,
    OperatingSystem: host.operatingSystem,
    OSVersion: host.osVersion,
    OSType: 'linux',
    // uname's name, as dockerd reports it (x86_64), unlike /version's Go name.
    Architecture: machine(),
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: registryConfig(backend.registry),
    NCPU: host.cpus,
    MemTotal: host.memTotal,
    HttpProxy: process.env.HTTP_PROXY ?? process.env.http_proxy ?? '',
    HttpsProxy: process.env.HTTPS_PROXY ?? process.env.https_proxy ?? '',
    NoProxy: process.env.NO_PROXY ?? process.env.no_proxy ?? '',
    Labels: [...facts.labels],
    ...(facts.defaultAddressPools ? { DefaultAddressPools: facts.defaultAddressPools.map((pool) => ({ Base: pool.base, Size: pool.size })) } : {}),
    ExperimentalBuild: false,
    Runtimes: { runc: { path: facts.runtimePath } },
    DefaultRuntime: 'runc',
    Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    // Containers outlive the daemon and are adopted again at its start (DESIGN.md section 1).
    LiveRestoreEnabled: true,
    ContainerdCommit: { ID: '', Expected: '' },
    RuncCommit: { ID: runcCommit, Expected: runcCommit },
    InitCommit: { ID: '', Expected: '' },
    SecurityOptions: ['name=seccomp,profile=default'],
    Warnings: null,
  };
}

/** dockerd's count: paused ones, running (or restarting) ones, and every other one stopped. */
function containerCounts(states: readonly string[]): Pick<SystemInfo, 'Containers' | 'ContainersRunning' | 'ContainersPaused' | 'ContainersStopped'> {
  const paused = states.filter((state) => state === 'paused').length;
  const running = states.filter((state) => state === 'running' || state === 'restarting').length;
  return { Containers: states.length, ContainersRunning: running, ContainersPaused: paused, ContainersStopped: states.length - running - paused };
}

function openFiles(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}
