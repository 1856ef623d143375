import { join } from 'node:path';
import type { ContainerInspect, ContainerPort, ContainerState, ContainerSummary } from '../../../api/types/containers.js';
import { humanDuration } from '../../../format/human-duration.js';
import type { ContainerRecord } from '../records/index.js';
import type { NetworkAttachment } from './container-networks.js';
import { networkSettings } from './networking.js';

/** The process the container runs as Docker shows it: the entrypoint and command joined. */
function argv(record: ContainerRecord): string[] {
  return [...(record.Config.Entrypoint ?? []), ...(record.Config.Cmd ?? [])];
}

/** `GET /containers/{id}/json`: the record, with the network settings of its attachment while it runs (networkSettings). */
export function inspectShape(record: ContainerRecord, attachment?: NetworkAttachment): ContainerInspect {
  const [path = '', ...args] = argv(record);
  const directory = join(record.LogPath, '..');
  const { AnonymousVolumes: _anonymous, ManuallyStopped: _stopped, RemovalInProgress: _removing, NetworkEndpoints: _networks, ...shown } = record;
  return {
    ...shown,
    Path: path,
    Args: args,
    Driver: 'overlay2',
    Platform: 'linux',
    ResolvConfPath: join(directory, 'resolv.conf'),
    HostnamePath: join(directory, 'hostname'),
    HostsPath: join(directory, 'hosts'),
    ExecIDs: null,
    NetworkSettings: networkSettings(record, attachment),
  };
}

/** One `GET /containers/json` entry. */
export function summaryShape(record: ContainerRecord, now: Date = new Date(), attachment?: NetworkAttachment): ContainerSummary {
  return {
    Id: record.Id,
    Names: [record.Name],
    Image: record.Config.Image,
    ImageID: record.Image,
    Command: listedCommand(argv(record)),
    Created: Math.floor(Date.parse(record.Created) / 1000),
    Ports: summaryPorts(attachment),
    Labels: record.Config.Labels,
    State: record.State.Status,
    Status: statusText(record.State, now),
    HostConfig: { NetworkMode: record.HostConfig.NetworkMode || 'default' },
    NetworkSettings: { Networks: networkSettings(record, attachment).Networks },
    Mounts: record.Mounts,
  };
}

/** The command as dockerd lists it: arguments after the first that hold a space in single quotes, unescaped. */
function listedCommand([path = '', ...args]: readonly string[]): string {
  return [path, ...args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg))].join(' ');
}

/** Docker's human status: `Up 3 minutes (healthy)`, `Exited (3) 5 seconds ago`, `Created`. */
export function statusText(state: ContainerState, now: Date): string {
  const since = (time: string): string => humanDuration(now.getTime() - Date.parse(time));
  switch (state.Status) {
    case 'running':
    case 'paused': {
      const health = state.Health && state.Health.Status !== 'none' ? (state.Health.Status === 'starting' ? ' (health: starting)' : ` (${state.Health.Status})`) : '';
      return `Up ${since(state.StartedAt)}${state.Status === 'paused' ? ' (Paused)' : health}`;
    }
    case 'restarting':
      return `Restarting (${state.ExitCode}) ${since(state.FinishedAt)} ago`;
    case 'exited':
      return `Exited (${state.ExitCode}) ${since(state.FinishedAt)} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
  }
}

/** `docker ps`'s ports: each published binding, then each exposed port not published, as Docker lists them. */
function summaryPorts(attachment: NetworkAttachment | undefined): ContainerPort[] {
  return Object.entries(attachment?.ports ?? {}).flatMap(([key, bindings]): ContainerPort[] => {
    const [port = '0', protocol = 'tcp'] = key.split('/');
    const type = protocol as ContainerPort['Type'];
    if (bindings === null || bindings.length === 0) return [{ PrivatePort: Number(port), Type: type }];
    return bindings.map((binding) => ({ IP: binding.HostIp ?? '', PrivatePort: Number(port), PublicPort: Number(binding.HostPort), Type: type }));
  });
}
