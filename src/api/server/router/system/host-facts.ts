import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { hostPlatform } from '../../../../runtime/images/registry/index.js';

/** What `/version` and `/info` say of the machine; none of it changes while the daemon runs. */
export interface HostFacts {
  /** Go's names: `linux`, `amd64` / `arm64`. */
  os: string;
  arch: string;
  kernelVersion: string;
  /** `PRETTY_NAME` and `VERSION_ID` of /etc/os-release. */
  operatingSystem: string;
  osVersion: string;
  cpus: number;
  memTotal: number;
  cgroupVersion: '1' | '2';
}

let facts: HostFacts | undefined;

/** The facts, read the first time they are asked for. */
export function hostFacts(): HostFacts {
  if (facts) return facts;
  const osRelease = readOsRelease();
  const platform = hostPlatform();
  facts = {
    os: platform.os,
    arch: platform.architecture,
    kernelVersion: release(),
    operatingSystem: osRelease.PRETTY_NAME ?? osRelease.NAME ?? 'Linux',
    osVersion: osRelease.VERSION_ID ?? '',
    cpus: availableParallelism(),
    memTotal: totalmem(),
    // A unified hierarchy has cgroup.controllers at its root; hybrid and v1 hosts do not.
    cgroupVersion: existsSync('/sys/fs/cgroup/cgroup.controllers') ? '2' : '1',
  };
  return facts;
}

/** `KEY=value` and `KEY="value"` lines of os-release(5); the file missing is an empty answer. */
function readOsRelease(): Record<string, string> {
  let text = '';
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      text = readFileSync(path, 'utf8');
      break;
    } catch {
      // The next place os-release(5) names.
    }
  }
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const found = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (found) fields[found[1]!] = found[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return fields;
}
