/**
 * The OCI runtime spec (runc's config.json) of a container, made as Docker 20.10 makes it from the
 * image's config and the container's Docker-style Config and HostConfig. createRuntimeSpec does
 * the reading; buildRuntimeSpec is the pure part; runtimeSpecJson writes the file's text.
 */
export { buildRuntimeSpec, type RuntimeSpecInput } from './build-spec.js';
export { createRuntimeSpec, type RuntimeSpecRequest } from './create-spec.js';
export { runtimeSpecJson } from './spec-json.js';
export type { RuntimeSpec } from './oci-types.js';

export { commandArgv, mergeCommand, type MergedCommand } from './command.js';
export { mergeConfigEnv, processEnvironment } from './environment.js';
export { mergeProcessConfig, type ImageProcessConfig, type MergedProcessConfig } from './process-config.js';
export { resolveUser, type ResolvedUser } from './resolve-user.js';

export type { ContainerMount, Propagation } from './container-mounts.js';
export { tmpfsData, tmpfsMounts } from './tmpfs-options.js';
export type { NamespaceChoice, NamespaceChoices } from './namespaces.js';
export { readHostFacts, type HostFacts } from './host-facts.js';
export { containerCapabilities } from './capabilities.js';
export { defaultSeccompProfilePath, loadSeccompProfile, type SeccompProfile } from './seccomp-profile.js';
export { defaultInitBinary } from './docker-defaults.js';
