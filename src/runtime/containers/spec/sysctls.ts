import { BerthError } from '../../../errors/index.js';
import type { NamespaceChoices } from './namespaces.js';

/** IPC sysctls a container may set in its own IPC namespace (Docker's and runc's list). */
const ipcSysctls = new Set(['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced']);

export interface SysctlInput {
  sysctls: Record<string, string> | undefined;
  domainname: string | undefined;
  namespaces: NamespaceChoices;
  /** Which of Docker's default network sysctls this kernel has (Docker adds only those that exist). */
  kernelHas: { pingGroupRange: boolean; unprivilegedPortStart: boolean };
}

/**
 * The container's sysctls, as Docker sets them: in a network namespace of its own, ping for every
 * group and every port bindable without CAP_NET_BIND_SERVICE; the NIS domain name as
 * `kernel.domainname` (the spec has no field for it); then the container's own, which win.
 *
 * Only sysctls that belong to a namespace the container owns are allowed, as Docker and runc
 * allow them; anything else would change the host, and is refused with the reason.
 */
export function sysctlSpec(input: SysctlInput): Record<string, string> {
  const result: Record<string, string> = {};
  const { network, ipc, uts } = input.namespaces;
  const ownNetwork = network === 'new' || (typeof network === 'object' && !network.shared);
  if (ownNetwork) {
    if (input.kernelHas.pingGroupRange) result['net.ipv4.ping_group_range'] = '0 2147483647';
    if (input.kernelHas.unprivilegedPortStart) result['net.ipv4.ip_unprivileged_port_start'] = '0';
  }
  const requested = { ...(input.domainname ? { 'kernel.domainname': input.domainname } : {}), ...input.sysctls };
  for (const [name, value] of Object.entries(requested)) {
    if (ipcSysctls.has(name) || name.startsWith('fs.mqueue.')) {
      if (ipc === 'host') throw refused(name, 'it would change the host, as the container shares the host IPC namespace (ipc: host)');
    } else if (name.startsWith('net.')) {
      if (network === 'host') throw refused(name, 'it would change the host, as the container uses the host network (network_mode: host)');
    } else if (name === 'kernel.domainname') {
      if (uts === 'host') throw refused(name, 'it would change the host, as the container shares the host UTS namespace (uts: host); so would domainname:');
    } else if (name === 'kernel.hostname') {
      throw refused(name, 'the hostname is set with `hostname:`');
    } else {
      throw refused(name, 'it is not in a kernel namespace of the container, so it would change the host');
    }
    result[name] = value;
  }
  return result;
}

function refused(name: string, reason: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_SYSCTL_NOT_ALLOWED',
    kind: 'usage',
    message: `sysctl ${name} is not allowed: ${reason}`,
    hint: 'a container may set net.* (own network), kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.* (own IPC) and kernel.domainname (own UTS)',
  });
}
