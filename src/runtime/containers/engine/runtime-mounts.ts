import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeEtcFiles, type EtcFiles } from '../etc-files/index.js';
import { planMounts, type ContainerRecord } from '../records/index.js';
import { tmpfsMounts, type ContainerMount, type Propagation } from '../spec/index.js';
import type { RunNetwork } from './networking.js';

/**
 * Writes (or rewrites in place) the container's hostname, hosts and resolv.conf beside its record;
 * at a start, with what its networks give: its addresses and the embedded resolver.
 */
export function writeContainerEtcFiles(record: ContainerRecord, hostResolvConf?: string, network?: Pick<RunNetwork, 'addresses' | 'resolver'>): Promise<EtcFiles> {
  const { Config, HostConfig } = record;
  return writeEtcFiles(dirname(record.LogPath), {
    hostname: Config.Hostname ?? record.Id.slice(0, 12),
    ...(Config.Domainname ? { domainname: Config.Domainname } : {}),
    ...(HostConfig.ExtraHosts ? { extraHosts: HostConfig.ExtraHosts } : {}),
    ...(HostConfig.Dns ? { dns: HostConfig.Dns } : {}),
    ...(HostConfig.DnsSearch ? { search: HostConfig.DnsSearch } : {}),
    ...(HostConfig.DnsOptions ? { options: HostConfig.DnsOptions } : {}),
    ...(hostResolvConf ? { hostResolvConf } : {}),
    ...(network && network.addresses.length > 0 ? { addresses: network.addresses } : {}),
    ...(network?.resolver ? { resolver: network.resolver } : {}),
  });
}

/**
 * The container's mounts for the spec: its binds and volumes (from the record's Mounts, resolved
 * at create), its tmpfs mounts, and the /etc files, bound as Docker binds them (rprivate, the
 * files writable, as a container may edit its own /etc/hosts).
 */
export function containerMounts(record: ContainerRecord, etc: EtcFiles): ContainerMount[] {
  const mounts: ContainerMount[] = [];
  const taken = new Set<string>();
  for (const point of record.Mounts) {
    if (point.Type === 'tmpfs') continue;
    const propagation = point.Type === 'bind' && point.Propagation ? (point.Propagation as Propagation) : undefined;
    mounts.push({ type: 'bind', source: point.Source, destination: point.Destination, readOnly: !point.RW, ...(propagation ? { propagation } : {}) });
    taken.add(point.Destination);
  }
  for (const mount of tmpfsMounts(record.HostConfig)) {
    mounts.push(mount);
    taken.add(mount.destination);
  }
  const files: [keyof EtcFiles, string][] = [['hostname', '/etc/hostname'], ['hosts', '/etc/hosts'], ['resolvConf', '/etc/resolv.conf']];
  // A mount the user gives on one of these paths wins, as in Docker.
  for (const [file, destination] of files) if (!taken.has(destination)) mounts.push({ type: 'bind', source: etc[file], destination, propagation: 'rprivate' });
  return mounts;
}

/**
 * Makes each missing source directory of the container's Binds (root's, mode 0755), at every
 * start as Docker's mount setup does: a directory removed from the host between two runs, or on
 * a tmpfs a reboot emptied, is made again rather than failing the start. A Mounts bind makes
 * none: its source had to exist at create, and runc reports it missing now.
 */
export async function createBindSources(record: ContainerRecord): Promise<void> {
  const binds = planMounts(record.Config, record.HostConfig, () => true).filter((spec) => spec.Type === 'bind' && spec.CreateSource);
  for (const bind of binds) await mkdir(bind.Source, { recursive: true, mode: 0o755 });
}
