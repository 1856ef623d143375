import type { AddressPool } from '../../network/ipam/index.js';
import type { DaemonFlags } from './daemon-config.js';

/** A runtime of `runtimes`, as dockerd's daemon.json names it: `{"runc": {"path": "/usr/sbin/runc"}}`. */
export interface RuntimeEntry {
  path: string;
}

/** daemon.json as berth reads it: dockerd's key names, and berth's own where dockerd has none. */
export interface FileConfig {
  hosts?: string[];
  'data-root'?: string;
  'exec-root'?: string;
  pidfile?: string;
  'registry-mirrors'?: string[];
  'insecure-registries'?: string[];
  'default-address-pools'?: AddressPool[];
  'log-level'?: string;
  debug?: boolean;
  labels?: string[];
  'log-driver'?: string;
  'log-opts'?: Record<string, string>;
  'default-runtime'?: string;
  runtimes?: Record<string, RuntimeEntry>;
  bridge?: string;
  'cgroup-parent'?: string;
  /** berth's own: the daemon's log file. */
  'log-file'?: string;
  /** berth's own: the prefix of its iptables chains, for tests and engines side by side. */
  'berth-chain-prefix'?: string;
}

export type ConfigKey = keyof FileConfig;

type Shape = 'string' | 'boolean' | 'string list' | 'string map' | 'address pools' | 'runtimes';

/** Each key's JSON shape, and the flag that sets the same thing (a conflict when both are given). */
export const configKeys: Record<ConfigKey, { shape: Shape; flag?: keyof DaemonFlags }> = {
  hosts: { shape: 'string list', flag: 'host' },
  'data-root': { shape: 'string', flag: 'dataRoot' },
  'exec-root': { shape: 'string', flag: 'execRoot' },
  pidfile: { shape: 'string', flag: 'pidfile' },
  'registry-mirrors': { shape: 'string list', flag: 'registryMirror' },
  'insecure-registries': { shape: 'string list', flag: 'insecureRegistry' },
  'default-address-pools': { shape: 'address pools', flag: 'defaultAddressPool' },
  'log-level': { shape: 'string', flag: 'logLevel' },
  debug: { shape: 'boolean', flag: 'debug' },
  labels: { shape: 'string list', flag: 'label' },
  'log-driver': { shape: 'string', flag: 'logDriver' },
  'log-opts': { shape: 'string map', flag: 'logOpt' },
  'default-runtime': { shape: 'string', flag: 'defaultRuntime' },
  runtimes: { shape: 'runtimes' },
  bridge: { shape: 'string', flag: 'bridge' },
  'cgroup-parent': { shape: 'string', flag: 'cgroupParent' },
  'log-file': { shape: 'string', flag: 'logFile' },
  'berth-chain-prefix': { shape: 'string', flag: 'berthChainPrefix' },
};

/** Why `value` does not have the key's shape, or undefined when it does. */
export function shapeProblem(key: ConfigKey, value: unknown): string | undefined {
  const shape = configKeys[key].shape;
  const fits = fitsShape(shape, value);
  return fits ? undefined : `"${key}" must be ${article(shape)}, not ${describeJson(value)}`;
}

function fitsShape(shape: Shape, value: unknown): boolean {
  switch (shape) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'string list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'string map':
      return isObject(value) && Object.values(value).every((item) => typeof item === 'string');
    case 'address pools':
      return Array.isArray(value) && value.every((pool) => isObject(pool) && typeof pool.base === 'string' && typeof pool.size === 'number' && Object.keys(pool).every((field) => field === 'base' || field === 'size'));
    case 'runtimes':
      return isObject(value) && Object.values(value).every((runtime) => isObject(runtime) && typeof runtime.path === 'string' && Object.keys(runtime).every((field) => field === 'path'));
  }
}

function article(shape: Shape): string {
  switch (shape) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'string list':
      return 'a list of strings';
    case 'string map':
      return 'an object of strings';
    case 'address pools':
      return 'a list of {"base": CIDR, "size": PREFIX} objects';
    case 'runtimes':
      return 'an object of {"path": EXECUTABLE} objects';
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
