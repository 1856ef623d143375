import type { ServiceConfig } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';

/**
 * The platform to build a service's image for. berth builds only for the engine's own platform
 * (`native`, `linux/amd64` as the engine's /version says): every entry of `build.platforms`, and
 * the service's `platform`, must be that one, and a foreign one fails naming the service. The
 * answer is the platform to ask for, or undefined when the compose file names none.
 */
export function buildPlatform(service: string, config: Pick<ServiceConfig, 'platform' | 'build'>, native: string): string | undefined {
  const wanted = [...(config.build?.platforms ?? []), ...(config.platform === undefined ? [] : [config.platform])];
  const foreign = [...new Set(wanted.filter((platform) => !samePlatform(platform, native)))].sort();
  if (foreign.length > 0) {
    throw new BerthError({
      code: 'BUILD_PLATFORM_UNSUPPORTED',
      kind: 'invalid-project',
      message: `service "${service}" cannot be built for ${foreign.join(', ')}: berth builds images only for the engine's own platform, ${normalizePlatform(native)}`,
      hint: `remove ${foreign.join(', ')} from the service's build.platforms and platform, or build the image on an engine of that platform and pull it`,
    });
  }
  return wanted.length > 0 ? normalizePlatform(native) : undefined;
}

/** Two platforms are the same when their OS and architecture are, and their variants when both name one. */
export function samePlatform(a: string, b: string): boolean {
  const [osA, archA, variantA] = normalizePlatform(a).split('/');
  const [osB, archB, variantB] = normalizePlatform(b).split('/');
  return osA === osB && archA === archB && (variantA === undefined || variantB === undefined || variantA === variantB);
}

/** `os/arch[/variant]` in the OCI spelling, lower case: `linux/x86_64` is `linux/amd64`, `linux/aarch64` is `linux/arm64`. */
export function normalizePlatform(platform: string): string {
  const [os = '', arch = '', variant] = platform.trim().toLowerCase().split('/');
  const aliases: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', i386: '386' };
  const architecture = aliases[arch] ?? arch;
  const droppedVariant = architecture === 'arm64' && variant === 'v8' ? undefined : variant;
  return [os, architecture, ...(droppedVariant === undefined ? [] : [droppedVariant])].join('/');
}
