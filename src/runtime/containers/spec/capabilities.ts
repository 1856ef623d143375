import { BerthError } from '../../../errors/index.js';

/** Linux capabilities by number (linux/capability.h), up to the newest one runc 1.1.5 knows. */
export const capabilityNames: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** Docker's default set, in Docker's order (moby oci/caps/defaults.go). */
export const defaultCapabilities: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

/** What the engine can hand out: a container can hold no capability its engine lacks. */
export interface CapabilityHost {
  /** /proc/sys/kernel/cap_last_cap: capabilities above it do not exist on this kernel. */
  lastCapability: number;
  /** The engine's own bounding set, by name. */
  engineBounding: ReadonlySet<string>;
}

export interface CapabilityRequest {
  capAdd?: readonly string[] | null;
  capDrop?: readonly string[] | null;
  privileged?: boolean | null;
}

/**
 * The container's capability set, computed as Docker's TweakCapabilities does: privileged gets
 * them all; `ALL` in CapAdd starts from all (minus CapDrop); `ALL` in CapDrop starts from nothing
 * (plus CapAdd); otherwise the defaults minus CapDrop plus CapAdd. Names are case-insensitive and
 * take `CAP_` or not.
 *
 * "All" means every capability this kernel has that the engine itself holds: Docker asks runc for
 * every capability the kernel knows and fails to start when its own bounding set is smaller (as in
 * a restricted sandbox); berth gives what it can. A capability named explicitly that the engine
 * lacks is an error here rather than runc's "unable to apply caps".
 */
export function containerCapabilities(request: CapabilityRequest, host: CapabilityHost): string[] {
  const everything = capabilityNames.filter((name, number) => number <= host.lastCapability && host.engineBounding.has(name));
  if (request.privileged) return everything;
  const add = normalizeCapabilities(request.capAdd ?? [], host);
  const drop = normalizeCapabilities(request.capDrop ?? [], host);
  let result: string[];
  if (add.includes('ALL')) result = everything.filter((name) => !drop.includes(name));
  else if (drop.includes('ALL')) result = add;
  else result = [...defaultCapabilities.filter((name) => !drop.includes(name)), ...add];
  const missing = result.filter((name) => !host.engineBounding.has(name));
  if (missing.length > 0) {
    throw new BerthError({
      code: 'CONTAINER_CAPABILITY_UNAVAILABLE',
      kind: 'unavailable',
      message: `the engine cannot grant ${missing.join(', ')}: it does not hold ${missing.length === 1 ? 'that capability' : 'those capabilities'} itself`,
      hint: 'remove them from cap_add, or run the engine where it has them (its bounding set is restricted, as in some sandboxes and nested containers)',
    });
  }
  return [...new Set(result)];
}

/** Upper case, `CAP_` prefixed, checked against this kernel's capabilities; `ALL` stays `ALL`. */
function normalizeCapabilities(names: readonly string[], host: Pick<CapabilityHost, 'lastCapability'>): string[] {
  return names.map((raw) => {
    const upper = raw.toUpperCase();
    if (upper === 'ALL') return upper;
    const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
    const number = capabilityNames.indexOf(name);
    if (number === -1 || number > host.lastCapability) {
      throw new BerthError({
        code: 'CONTAINER_CAPABILITY_UNKNOWN',
        kind: 'usage',
        message: `unknown capability: "${name}"`,
        hint: `use a capability this kernel knows, such as NET_ADMIN or SYS_PTRACE (see capabilities(7)); the newest here is ${capabilityNames[Math.min(host.lastCapability, capabilityNames.length - 1)]}`,
      });
    }
    return name;
  });
}

/** The bounding set of a process, from the `CapBnd:` hex mask of /proc/PID/status. */
export function capabilitiesFromMask(hex: string): Set<string> {
  const mask = BigInt(`0x${hex}`);
  return new Set(capabilityNames.filter((_, number) => ((mask >> BigInt(number)) & 1n) === 1n));
}
