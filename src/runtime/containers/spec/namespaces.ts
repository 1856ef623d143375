import { BerthError } from '../../../errors/index.js';
import type { HostConfig } from '../../../api/types/containers.js';
import type { NamespaceSpec, NamespaceType } from './oci-types.js';

/**
 * How a container gets one kind of namespace: a new one, the host's (none in the spec), or an
 * existing one by path, such as a network namespace berth bind-mounted under its run directory or
 * another container's `/proc/PID/ns/...`. `shared` says the namespace is another container's
 * (`network_mode: service:x`), which already configured it.
 */
export type NamespaceChoice = 'new' | 'host' | { path: string; shared?: boolean };

export interface NamespaceChoices {
  network: NamespaceChoice;
  pid: NamespaceChoice;
  ipc: NamespaceChoice;
  uts: NamespaceChoice;
  /** Docker 20.10 on cgroup v1 keeps the host's cgroup namespace unless asked for a private one. */
  cgroup: 'private' | 'host';
}

/**
 * The namespaces a container's HostConfig asks for, with the caller's resolved choices taking
 * precedence. Modes that name another container (`container:ID`) need the caller to resolve them
 * to a path; a bare `host` or an empty mode needs nothing.
 */
export function namespaceChoices(hostConfig: HostConfig, resolved: Partial<NamespaceChoices> = {}): NamespaceChoices {
  return {
    network: resolved.network ?? fromMode('network', hostConfig.NetworkMode),
    pid: resolved.pid ?? fromMode('pid', hostConfig.PidMode),
    ipc: resolved.ipc ?? fromMode('ipc', hostConfig.IpcMode),
    uts: resolved.uts ?? fromMode('uts', hostConfig.UTSMode),
    cgroup: resolved.cgroup ?? (hostConfig.CgroupnsMode === 'private' ? 'private' : 'host'),
  };
}

/** The spec's namespace list, in Docker's order: mount, network, uts, pid, ipc, then cgroup. */
export function namespaceSpecs(choices: NamespaceChoices): NamespaceSpec[] {
  const specs: NamespaceSpec[] = [{ type: 'mount' }];
  const add = (type: NamespaceType, choice: NamespaceChoice): void => {
    if (choice === 'new') specs.push({ type });
    else if (choice !== 'host') specs.push({ type, path: choice.path });
  };
  add('network', choices.network);
  add('uts', choices.uts);
  add('pid', choices.pid);
  add('ipc', choices.ipc);
  if (choices.cgroup === 'private') specs.push({ type: 'cgroup' });
  return specs;
}

function fromMode(kind: 'network' | 'pid' | 'ipc' | 'uts', mode: string | undefined): NamespaceChoice {
  if (mode === 'host') return 'host';
  if (mode === undefined || mode === '' || !mode.startsWith('container:')) return 'new';
  throw new BerthError({
    code: 'CONTAINER_NAMESPACE_UNRESOLVED',
    kind: 'internal',
    message: `the ${kind} mode "${mode}" names another container, whose namespace was not resolved for this one`,
    hint: 'this is a bug in berth: the engine must look the other container up and pass its namespace path',
  });
}
