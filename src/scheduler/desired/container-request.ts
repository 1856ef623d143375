import type { ContainerCreateRequest, EndpointSettings, HostConfig } from '../../api/index.js';
import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { containerName } from '../contract/names.js';
import { containerLabels } from './container-labels.js';
import { containerVolumes, type InheritedVolume } from './container-mounts.js';
import { containerNetworking } from './container-networking.js';
import { exposedPorts, portBindings } from './container-ports.js';
import { environmentList, healthConfig, stopTimeout } from './container-process.js';
import { resourceLimits } from './container-resources.js';
import { definedFields, listCopy, mappingCopy } from './defined-fields.js';
import { oneOffService, type OneOffOptions } from './one-off-service.js';
import { restartPolicy } from './restart-policy.js';
import { legacyLinks, sharedNamespaceMode, volumesFrom } from './service-references.js';
import { serviceImage } from './service-image.js';

export type { OneOffOptions } from './one-off-service.js';
export type { InheritedVolume } from './container-mounts.js';

export interface ContainerRequestInput {
  project: Project;
  serviceName: string;
  /** Replica number (`com.docker.compose.container-number`). */
  number: number;
  /** Already computed by the caller. */
  configHash: string;
  workingDir: string;
  configFiles: readonly string[];
  environmentFiles: readonly string[];
  /** The engine name of a running container of another service, for network_mode/ipc/pid `service:X` and volumes_from `X`. */
  containerOfService(service: string): string | undefined;
  oneOff?: OneOffOptions;
  /** Anonymous volumes of the container being replaced, re-attached so `up` keeps their data (Compose does this unless -V). */
  inheritedAnonymousVolumes?: readonly InheritedVolume[];
}

export interface ContainerRequest {
  /** `<project>-<service>-<n>`, or `container_name`, or the one-off's name. */
  name: string;
  /** API 1.41 takes ONE network in NetworkingConfig. */
  request: ContainerCreateRequest;
  /** Networks beyond the first, joined with POST /networks/{id}/connect before start, in priority order. */
  extraNetworks: Array<{ network: string; endpoint: EndpointSettings }>;
}

/**
 * The `POST /containers/create` body for one container of a service: what Docker Compose v2's
 * `getCreateConfigs` sends to an engine older than API 1.44, attribute by attribute. Pure: the
 * caller supplies the config hash, the project's files and the containers of other services.
 */
export function containerRequest(input: ContainerRequestInput): ContainerRequest {
  const { project, serviceName, oneOff } = input;
  const declared = project.services[serviceName];
  if (declared === undefined) {
    throw new BerthError({ code: 'SERVICE_NOT_FOUND', kind: 'not-found', message: `no such service: ${serviceName}` });
  }
  const service = oneOff === undefined ? declared : oneOffService(declared, oneOff, input.workingDir);
  const name = oneOff?.name ?? service.container_name ?? containerName(project.name, serviceName, input.number);
  const image = service.image ?? serviceImage(project, serviceName);
  // Called through `input` so a caller's method keeps its `this`.
  const containerOf = (other: string) => input.containerOfService(other);
  const links = legacyLinks(service.links, service.external_links, containerOf);
  const networking = containerNetworking({
    project,
    serviceName,
    service,
    containerName: name,
    useAliases: oneOff?.useAliases ?? true,
    links,
    containerOfService: containerOf,
  });
  const volumes = containerVolumes(project, service, serviceName, input.inheritedAnonymousVolumes ?? []);
  const attachStdin = oneOff?.interactive ?? false;

  const hostConfig: HostConfig = definedFields({
    Binds: volumes.binds,
    Mounts: volumes.mounts,
    Tmpfs: volumes.tmpfs,
    VolumesFrom: volumesFrom(service.volumes_from, serviceName, containerOf),
    NetworkMode: networking.mode,
    PortBindings: portBindings(service),
    Links: links.length > 0 ? links : undefined,
    RestartPolicy: restartPolicy(service, serviceName),
    AutoRemove: oneOff?.autoRemove || undefined,
    LogConfig: service.logging?.driver === undefined ? undefined : definedFields({ Type: service.logging.driver, Config: mappingCopy(service.logging.options) }),
    CapAdd: listCopy(service.cap_add),
    CapDrop: listCopy(service.cap_drop),
    Privileged: service.privileged,
    ReadonlyRootfs: service.read_only,
    Init: service.init,
    SecurityOpt: listCopy(service.security_opt),
    Sysctls: mappingCopy(service.sysctls),
    Dns: listCopy(service.dns),
    DnsSearch: listCopy(service.dns_search),
    DnsOptions: listCopy(service.dns_opt),
    ExtraHosts: service.extra_hosts?.map(hostEntry),
    GroupAdd: listCopy(service.group_add),
    IpcMode: sharedNamespaceMode(service.ipc, 'IPC', serviceName, containerOf),
    PidMode: sharedNamespaceMode(service.pid, 'PID', serviceName, containerOf),
    UTSMode: service.uts,
    UsernsMode: service.userns_mode,
    CgroupnsMode: cgroupnsMode(service.cgroup),
    OomScoreAdj: service.oom_score_adj,
    Runtime: service.runtime,
    ...resourceLimits(service),
  });

  const request: ContainerCreateRequest = definedFields({
    Image: image,
    Hostname: service.hostname,
    Domainname: service.domainname,
    User: service.user,
    AttachStdin: attachStdin,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: exposedPorts(service),
    Tty: service.tty,
    OpenStdin: service.stdin_open,
    StdinOnce: attachStdin && service.stdin_open === true,
    Env: environmentList(service.environment),
    Cmd: listCopy(service.command),
    Entrypoint: listCopy(service.entrypoint),
    Healthcheck: healthConfig(service.healthcheck),
    WorkingDir: service.working_dir,
    NetworkDisabled: service.network_mode === 'disabled' || undefined,
    MacAddress: networking.macAddress,
    Labels: containerLabels({
      projectName: project.name,
      serviceName,
      service,
      image,
      number: input.number,
      configHash: input.configHash,
      oneOff: oneOff !== undefined,
      workingDir: input.workingDir,
      configFiles: input.configFiles,
      environmentFiles: input.environmentFiles,
    }),
    StopSignal: service.stop_signal,
    StopTimeout: stopTimeout(service.stop_grace_period),
    HostConfig: hostConfig,
    NetworkingConfig: networking.primary === undefined ? undefined : { EndpointsConfig: { [networking.primary.network]: networking.primary.endpoint } },
  });
  return { name, request, extraNetworks: networking.extra };
}

/** `extra_hosts` entries are `host=ip` in the model; the engine wants `host:ip`. */
function hostEntry(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? entry : `${entry.slice(0, equals)}:${entry.slice(equals + 1)}`;
}

function cgroupnsMode(cgroup: string | undefined): HostConfig['CgroupnsMode'] {
  return cgroup === 'host' || cgroup === 'private' ? cgroup : undefined;
}
