import type { ContainerInspect, ContainerSummary } from '../../api/index.js';
import { composeLabels } from '../../scheduler/index.js';
import type { ListFormat } from '../output/index.js';
import { displayablePorts } from './ps-ports.js';
import { runningFor } from './ps-running-for.js';

/** The fields of `ps --format`, with the headings Compose gives them; the default table shows the first seven. */
export const psFormat: ListFormat = {
  columns: ['Name', 'Image', 'Command', 'Service', 'RunningFor', 'Status', 'Ports'],
  headers: {
    ID: 'CONTAINER ID',
    Name: 'NAME',
    Names: 'NAMES',
    Project: 'PROJECT',
    Service: 'SERVICE',
    Image: 'IMAGE',
    Command: 'COMMAND',
    CreatedAt: 'CREATED AT',
    RunningFor: 'CREATED',
    Ports: 'PORTS',
    Publishers: 'PUBLISHERS',
    State: 'STATE',
    Status: 'STATUS',
    Health: 'HEALTH',
    ExitCode: 'EXIT CODE',
    Size: 'SIZE',
    Labels: 'LABELS',
    Mounts: 'MOUNTS',
    LocalVolumes: 'LOCAL VOLUMES',
    Networks: 'NETWORKS',
  },
};

/**
 * One container as `docker compose ps` renders it, in a template or as JSON: the same field names
 * and the same text (an ID cut to 12 characters and the command to 20 unless `--no-trunc`, the
 * command quoted, labels, mounts and networks comma-joined). Health and ExitCode come from inspect,
 * as in Compose: the health of a running container, the exit code of a stopped one.
 */
export function psRow(container: ContainerSummary, inspect: ContainerInspect | undefined, options: { truncate: boolean; now?: number }): Record<string, unknown> {
  const { truncate } = options;
  const state = inspect?.State;
  const mounts = (container.Mounts ?? []).map((mount) => mount.Name || mount.Source);
  return {
    ID: truncate ? container.Id.slice(0, 12) : container.Id,
    Name: bare(container.Names[0] ?? container.Id),
    Names: container.Names.map(bare).join(','),
    Project: container.Labels?.[composeLabels.project] ?? '',
    Service: container.Labels?.[composeLabels.service] ?? '',
    Image: container.Image,
    Command: JSON.stringify(truncate ? ellipsis(container.Command, 20) : container.Command),
    CreatedAt: goTimeString(new Date(container.Created * 1000)),
    RunningFor: runningFor(container.Created, options.now),
    Ports: displayablePorts(container.Ports ?? []),
    Publishers: [...(container.Ports ?? [])]
      .sort((a, b) => a.PrivatePort - b.PrivatePort)
      .map((port) => ({ URL: port.IP ?? '', TargetPort: port.PrivatePort, PublishedPort: port.PublicPort ?? 0, Protocol: port.Type })),
    State: container.State,
    Status: container.Status,
    Health: state?.Status === 'running' ? (state.Health?.Status ?? '') : '',
    ExitCode: state && (state.Status === 'exited' || state.Status === 'dead') ? state.ExitCode : 0,
    Size: '0B',
    Labels: Object.entries(container.Labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => `${key}=${value}`).join(','),
    Mounts: mounts.map((name) => (truncate ? ellipsis(name, 15) : name)).join(','),
    LocalVolumes: String((container.Mounts ?? []).filter((mount) => mount.Driver === 'local').length),
    Networks: Object.keys(container.NetworkSettings?.Networks ?? {}).sort().join(','),
  };
}

function bare(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

/** The docker CLI's Ellipsis: at most `width` characters, the last one `…` when cut. */
function ellipsis(text: string, width: number): string {
  const characters = [...text];
  return characters.length <= width ? text : `${characters.slice(0, width - 1).join('')}…`;
}

/** Go's time.Time.String() in local time: `2024-05-01 10:00:00 +0200 CEST`. */
function goTimeString(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const two = (value: number): string => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  const zone = `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  return `${day} ${time} ${zone} ${zoneAbbreviation(date, offset)}`;
}

/** The zone's abbreviation as Go prints it: `CEST`, `UTC`, or `+03` for a zone that has none. */
function zoneAbbreviation(date: Date, offset: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  if (!name.startsWith('GMT')) return name;
  if (offset === 0) return 'UTC';
  const minutes = Math.abs(offset) % 60;
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${minutes ? String(minutes).padStart(2, '0') : ''}`;
}
