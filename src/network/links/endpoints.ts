import { BerthError } from '../../errors/index.js';
import type { FailureContext } from './command-error.js';
import { hostInterfaceNames, waitUntilGone } from './host-interfaces.js';
import { batchLine, ipBatch, IpBatchError, type BatchPlace } from './ip-batch.js';
import type { LinkHost } from './link-host.js';
import { checkInterfaceName, checkMacAddress, checkPrefixLength, checkIPv4 } from './names.js';
import { createNamespaceFile, removeNamespaceFiles } from './namespaces.js';

/** A container's link to one network: a veth pair from the network's bridge into its namespace. */
export interface EndpointSpec {
  /** The host end, on the bridge: `veth` and 7 hex (newVethName). */
  hostName: string;
  /** The end inside the namespace: eth0 for the first network, eth1... (containerInterfaceName). */
  containerName: string;
  bridge: string;
  /** The container end's MAC address (Docker's is ipam's macAddressFor(address)). */
  macAddress: string;
  /** The container's IPv4 address on the network. */
  address: string;
  prefixLength: number;
  /** When set, the namespace's default route goes through this gateway (the first network's, or the one asked for). */
  defaultGateway?: string;
  /** 1500 unless the network says otherwise; both ends get it. */
  mtu?: number;
  /**
   * Bridge port hairpin mode, on unless turned off: a container can then reach itself through
   * the host's address and a published port, which berth forwards in the kernel (DNAT) back out
   * of the very port the packet came in by. Docker turns it on when it runs without its userland
   * proxy, as berth always does.
   */
  hairpin?: boolean;
}

/**
 * Creates a container's network namespace on `<run>/netns/<id>`, `lo` up, with its first
 * endpoints, in two child processes: `unshare --net=FILE ip -batch -` makes the namespace and,
 * inside it, each veth pair (the host end created straight into berth's namespace), the
 * addresses and routes; then one `ip -batch -` on the host puts the host ends on their bridges,
 * marks them and brings them up. On failure nothing stays: the namespace is removed and the
 * veths made so far with it. Returns the namespace file, for the container spec.
 */
export async function createNetworkNamespace(host: LinkHost, id: string, endpoints: readonly EndpointSpec[] = []): Promise<string> {
  endpoints.forEach(checkEndpoint);
  const path = await createNamespaceFile(host, id);
  try {
    const inside = [batchLine('link', 'set', 'lo', 'up'), ...endpoints.flatMap((endpoint) => containerSide(endpoint))];
    await ipBatch(inside, { create: path }, failure(`cannot create the network namespace of ${id}`));
    await ipBatch(endpoints.flatMap((endpoint) => hostSide(host, endpoint)), 'host', failure(`cannot attach the network namespace of ${id} to its bridges`));
    return path;
  } catch (error) {
    // The namespace is new and only berth's: whatever veth is in it, berth made. Deleting the
    // container ends first takes the pairs down at once instead of when the namespace is freed.
    // The first failure is the one to report; what a failed cleanup leaves, repair removes.
    const deletions = endpoints.map((endpoint) => batchLine('link', 'delete', endpoint.containerName));
    await ipBatch(deletions, { enter: path }, failure('cleanup'), { force: true }).catch(() => undefined);
    await removeNamespaceFiles(host, [id]).catch(() => undefined);
    throw error;
  }
}

/**
 * Connects a running container's namespace to one more network (`network connect`: eth1...),
 * with the same two processes: `nsenter --net=FILE ip -batch -`, then the host's `ip -batch -`.
 * On failure the new pair is deleted again and the namespace is as it was.
 */
export async function attachEndpoint(host: LinkHost, namespace: string, endpoint: EndpointSpec): Promise<void> {
  checkEndpoint(endpoint);
  const inside: BatchPlace = { enter: namespace };
  const deletePair = (): Promise<void> =>
    ipBatch([batchLine('link', 'delete', endpoint.containerName)], inside, failure('cleanup'), { force: true }).catch(() => undefined);
  try {
    await ipBatch(containerSide(endpoint), inside, failure(`cannot add ${endpoint.containerName} to network namespace ${namespace}`));
  } catch (error) {
    // The pair exists once its first line (its creation) went through; before that, an interface
    // of that name inside is the container's own and stays. ip names no line when it exits on an
    // argument it cannot parse (berth checks them first) or never ran (nsenter failed): then the
    // pair, if any, goes with the namespace.
    if (error instanceof IpBatchError && (error.failedLine ?? 0) > 0) await deletePair();
    throw error;
  }
  try {
    await ipBatch(hostSide(host, endpoint), 'host', failure(`cannot attach ${endpoint.hostName} to bridge ${endpoint.bridge}`));
  } catch (error) {
    await deletePair();
    throw error;
  }
}

/**
 * Deletes endpoints by their host ends (deleting one end of a veth deletes both): `network
 * disconnect`, or what a namespace removal left. One already gone is fine. The kernel waits for
 * in-flight packets at each deletion, so this costs about 20 ms a veth.
 */
export async function detachEndpoints(hostNames: readonly string[]): Promise<void> {
  hostNames.forEach((name) => checkInterfaceName(name, 'veth'));
  if (hostNames.length === 0) return;
  const lines = hostNames.map((name) => batchLine('link', 'delete', name));
  try {
    await ipBatch(lines, 'host', failure(`cannot delete veth ${hostNames.join(', ')}`), { force: true });
  } catch (error) {
    const left = await hostInterfaceNames();
    if (hostNames.some((name) => left.has(name))) throw error;
  }
}

/**
 * Removes a container's network namespace and its endpoints, whose host ends are named so this
 * returns only once they are gone too. Unmounting the namespace lets the kernel free it with all
 * its veths in one go, a few milliseconds when nothing else holds it (the container's processes
 * are gone), where deleting each veth first would take about 20 ms apiece; a veth still there
 * after a short wait (something still holds the namespace) is deleted by name.
 */
export async function removeNetworkNamespace(host: LinkHost, id: string, hostNames: readonly string[] = []): Promise<void> {
  hostNames.forEach((name) => checkInterfaceName(name, 'veth'));
  await removeNamespaceFiles(host, [id]);
  await detachEndpoints(await waitUntilGone(hostNames, namespaceFreeingMs));
}

/** How long the kernel gets to free an unmounted namespace before its veths are deleted one by one. */
export const namespaceFreeingMs = 250;

/**
 * The container end, made inside the namespace with its host end created straight into berth's
 * own namespace (`peer ... netns /proc/PID/ns/net`), so nothing is moved or renamed; then the
 * address (with its broadcast), up, and the default route when asked.
 */
function containerSide(endpoint: EndpointSpec): string[] {
  const mtu = endpoint.mtu ?? 1500;
  const name = endpoint.containerName;
  return [
    batchLine('link', 'add', 'name', name, 'mtu', mtu, 'address', endpoint.macAddress, 'type', 'veth', 'peer', 'name', endpoint.hostName, 'mtu', mtu, 'netns', `/proc/${process.pid}/ns/net`),
    batchLine('address', 'add', `${endpoint.address}/${endpoint.prefixLength}`, 'brd', '+', 'dev', name),
    batchLine('link', 'set', name, 'up'),
    ...(endpoint.defaultGateway === undefined ? [] : [batchLine('route', 'replace', 'default', 'via', endpoint.defaultGateway, 'dev', name)]),
  ];
}

/** The host end: on the bridge, marked as berth's, up; then its port's hairpin mode, which needs the port to be one. */
function hostSide(host: LinkHost, endpoint: EndpointSpec): string[] {
  return [
    batchLine('link', 'set', endpoint.hostName, 'master', endpoint.bridge, 'alias', host.mark, 'up'),
    ...(endpoint.hairpin === false ? [] : [batchLine('link', 'set', endpoint.hostName, 'type', 'bridge_slave', 'hairpin', 'on')]),
  ];
}

function checkEndpoint(endpoint: EndpointSpec): void {
  checkInterfaceName(endpoint.hostName, 'veth');
  checkInterfaceName(endpoint.containerName, 'container interface');
  checkInterfaceName(endpoint.bridge, 'bridge');
  checkMacAddress(endpoint.macAddress);
  checkIPv4(endpoint.address);
  checkPrefixLength(endpoint.prefixLength);
  if (endpoint.defaultGateway !== undefined) checkIPv4(endpoint.defaultGateway);
  if (endpoint.mtu !== undefined && !(Number.isInteger(endpoint.mtu) && endpoint.mtu >= 68 && endpoint.mtu <= 65535)) {
    throw new BerthError({
      code: 'NETWORK_BAD_MTU',
      kind: 'usage',
      message: `MTU ${endpoint.mtu} for ${endpoint.containerName} is outside 68..65535`,
      hint: 'set the network option com.docker.network.driver.mtu to a value from 68 to 65535 (1500 for Ethernet)',
    });
  }
}

function failure(action: string): FailureContext {
  return { code: 'NETWORK_ENDPOINT_FAILED', action, hint: 'check the bridge exists (`ip -d link show type bridge`) and that the names and addresses are free' };
}
