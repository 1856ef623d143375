/**
 * The host plumbing of container networks, as Docker's bridge driver does it, through iproute2
 * and util-linux child processes (argument arrays and `ip -batch` scripts, never a shell):
 *
 * - a LinkHost is one engine's view: its namespace directory `<run>/netns` and the mark
 *   (`ifalias` `berth:<run>`) it puts on every bridge and host-side veth it makes;
 * - network namespaces are files under that directory (prepareNamespaceDirectory once at start-up);
 * - bridges carry a gateway address, MTU 1500 and a fixed MAC (ensureBridge, deleteBridge);
 * - endpoints are veth pairs, `veth` + 7 hex on the bridge and eth0, eth1... inside with their
 *   MAC, address and (for one of them) the default route; a new namespace with its endpoints costs
 *   two child processes (createNetworkNamespace), one more network on a live one two more
 *   (attachEndpoint); removeNetworkNamespace unmounts the namespace and returns once the kernel,
 *   freeing it, has taken its veths (deleting them by name only if something still holds it);
 * - repairLinks removes what a crash left: whatever carries the mark or lives in the namespace
 *   directory and the state does not name.
 */
export { deleteBridge, ensureBridge, listBridges, type BridgeSpec } from './bridges.js';
export { attachEndpoint, createNetworkNamespace, detachEndpoints, removeNetworkNamespace, type EndpointSpec } from './endpoints.js';
export { linkHost, type LinkHost } from './link-host.js';
export { readHostLinks, type HostLink } from './link-table.js';
export { containerInterfaceName, newVethName } from './names.js';
export { listNamespaceFiles, namespacePath, prepareNamespaceDirectory, removeNamespaceDirectory, runInNamespace, type NamespaceFile } from './namespaces.js';
export { repairLinks, type ExpectedLinks, type RepairReport } from './repair.js';
export type { CommandResult } from './run-command.js';
