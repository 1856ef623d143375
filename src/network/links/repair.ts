import { detachEndpoints, namespaceFreeingMs } from './endpoints.js';
import { waitUntilGone } from './host-interfaces.js';
import { batchLine, ipBatch } from './ip-batch.js';
import type { LinkHost } from './link-host.js';
import { readHostLinks } from './link-table.js';
import { listNamespaceFiles, removeNamespaceFiles } from './namespaces.js';

/** What berth's state says should exist: everything else this engine made is a crash's leftover. */
export interface ExpectedLinks {
  /** Namespace file names (container ids). */
  namespaces: ReadonlySet<string>;
  /** Bridge names of the networks in the state. */
  bridges: ReadonlySet<string>;
  /** Host-side veth names of the endpoints in the state. */
  endpoints: ReadonlySet<string>;
}

/** What repair removed, sorted, for the engine's log. */
export interface RepairReport {
  endpoints: string[];
  namespaces: string[];
  bridges: string[];
}

/**
 * Removes what this engine made and its state no longer names: namespace files under its run
 * directory, host-side veths carrying its mark, bridges carrying its mark. Links without the mark
 * (docker0, a dockerd's `br-*`, another berth engine's) are never touched. Namespaces go first,
 * and their veths with them as the kernel frees them; a marked veth still there after that (its
 * namespace is still in use, or is one the state keeps) is deleted by name; bridges go last. On
 * return none of it is left. With empty sets it removes everything the engine made.
 */
export async function repairLinks(host: LinkHost, expected: ExpectedLinks): Promise<RepairReport> {
  const ours = (await readHostLinks()).filter((link) => link.alias === host.mark);
  const namespaces = (await listNamespaceFiles(host)).filter((file) => !expected.namespaces.has(file.id)).map((file) => file.id);
  await removeNamespaceFiles(host, namespaces);

  const endpoints = ours.filter((link) => link.kind === 'veth' && !expected.endpoints.has(link.name)).map((link) => link.name);
  await detachEndpoints(await waitUntilGone(endpoints, namespaceFreeingMs));

  const bridges = ours.filter((link) => link.kind === 'bridge' && !expected.bridges.has(link.name)).map((link) => link.name);
  await ipBatch(
    bridges.map((name) => batchLine('link', 'delete', name)),
    'host',
    { code: 'NETWORK_REPAIR_FAILED', action: `cannot delete leftover bridges ${bridges.join(', ')}`, hint: 'delete them by hand with `ip link delete NAME`' },
  );
  return { endpoints: endpoints.sort(), namespaces, bridges: bridges.sort() };
}
