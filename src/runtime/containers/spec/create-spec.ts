import { buildRuntimeSpec, type RuntimeSpecInput } from './build-spec.js';
import { hostDevices } from './host-devices.js';
import { readHostFacts, type HostFacts } from './host-facts.js';
import type { RuntimeSpec } from './oci-types.js';
import { mergeProcessConfig } from './process-config.js';
import { resolveUser } from './resolve-user.js';
import { loadSeccompProfile, type SeccompProfile } from './seccomp-profile.js';

/** RuntimeSpecInput without what createRuntimeSpec reads itself; pass `host` or `seccompProfile` to reuse them. */
export interface RuntimeSpecRequest extends Omit<RuntimeSpecInput, 'user' | 'host' | 'seccompProfile' | 'hostDevices'> {
  host?: HostFacts;
  seccompProfile?: SeccompProfile;
  /** Where to read the default profile when `seccompProfile` is not given. */
  seccompProfilePath?: string;
}

/**
 * Reads what the spec needs from the machine and the container's root filesystem (the user and
 * groups, the engine's facts, the default seccomp profile, the host's devices for a privileged
 * container), then builds the spec with buildRuntimeSpec.
 */
export async function createRuntimeSpec(request: RuntimeSpecRequest): Promise<RuntimeSpec> {
  const merged = mergeProcessConfig(request.config, request.image);
  const privileged = request.hostConfig.Privileged === true;
  const [user, host, seccompProfile, devices] = await Promise.all([
    resolveUser(request.rootfs, merged.User, request.hostConfig.GroupAdd ?? []),
    request.host ?? readHostFacts(),
    request.seccompProfile ?? loadSeccompProfile(request.seccompProfilePath),
    privileged ? hostDevices() : [],
  ]);
  return buildRuntimeSpec({ ...request, user, host, seccompProfile, hostDevices: devices });
}
