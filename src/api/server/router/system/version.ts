import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { berthApiVersion } from '../../../client/api-version.js';
import type { VersionComponent, VersionResponse } from '../../../types/system.js';
import type { EngineFacts } from '../../engine-parts.js';
import { hostFacts } from './host-facts.js';
import type { RuntimeVersion } from './runtime-version.js';

/** The oldest API version the engine accepts, as dockerd 20.10 has it. */
export const minimumApiVersion = '1.12';

/** berth runs on Node, not Go: `GoVersion` says so rather than pretend. */
const goVersion = `node ${process.version}`;

/**
 * `GET /version`: the engine and the OCI runtime as components, and the engine's fields again at
 * the top level for older clients, as dockerd answers.
 */
export function versionResponse(facts: EngineFacts, runtime: RuntimeVersion | undefined): VersionResponse {
  const host = hostFacts();
  const buildTime = codeBuildTime();
  const engine: VersionComponent = {
    Name: 'Engine',
    Version: facts.version,
    Details: {
      ApiVersion: berthApiVersion,
      Arch: host.arch,
      BuildTime: buildTime,
      Experimental: 'false',
      GitCommit: '',
      GoVersion: goVersion,
      KernelVersion: host.kernelVersion,
      MinAPIVersion: minimumApiVersion,
      Os: host.os,
    },
  };
  const components = runtime ? [engine, { Name: 'runc', Version: runtime.version, Details: { GitCommit: runtime.commit } }] : [engine];
  return {
    Platform: { Name: 'berth' },
    Components: components,
    Version: facts.version,
    ApiVersion: berthApiVersion,
    MinAPIVersion: minimumApiVersion,
    GitCommit: '',
    GoVersion: goVersion,
    Os: host.os,
    Arch: host.arch,
    KernelVersion: host.kernelVersion,
    BuildTime: buildTime,
  };
}

let builtAt: string | undefined;

/**
 * When the running code was built: the time of its own file, which the build writes (dist/'s
 * bundle) and which no one touches after. RFC 3339, as dockerd gives BuildTime.
 */
function codeBuildTime(): string {
  builtAt ??= statSync(fileURLToPath(import.meta.url)).mtime.toISOString();
  return builtAt;
}
