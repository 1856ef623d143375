import { BerthError, usageError } from '../../../errors/index.js';
import type { ImageIndex, IndexEntry, Platform } from './types.js';

export interface PlatformWanted {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** Names other tools use for Go's architectures (uname, Debian, Node). */
const architectureAliases: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  x64: 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
  i686: '386',
  ia32: '386',
};

/** The variant an architecture has when none is written (containerd's platforms.Normalize). */
const defaultVariant: Record<string, string> = { arm64: 'v8', arm: 'v7' };

/** Go's names, lower case, with the architecture's default variant made explicit. */
export function normalizePlatform(platform: PlatformWanted): Required<PlatformWanted> {
  const os = platform.os.toLowerCase();
  const architecture = architectureAliases[platform.architecture.toLowerCase()] ?? platform.architecture.toLowerCase();
  const variant = platform.variant?.toLowerCase() || defaultVariant[architecture] || '';
  return { os, architecture, variant };
}

/** `linux/arm64/v8` as written to `--platform`. */
export function parsePlatform(text: string): PlatformWanted {
  const [os, architecture, variant, extra] = text.split('/');
  if (!os || !architecture || extra !== undefined || variant === '') {
    throw usageError(`platform "${text}" is not os/architecture[/variant]`, 'write it as Docker does, for example linux/amd64 or linux/arm64/v8');
  }
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/** The machine berth runs on, in Go's names. */
export function hostPlatform(): PlatformWanted {
  return { os: process.platform, architecture: architectureAliases[process.arch] ?? process.arch };
}

export function formatPlatform(platform: PlatformWanted): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== undefined && part !== '').join('/');
}

/**
 * The index entry for `wanted`, after normalizing both sides (`x86_64` is `amd64`, `aarch64` is
 * `arm64`, `arm64` is `arm64/v8`). Attestation entries (`unknown/unknown`, BuildKit's provenance
 * and SBOM manifests) are never chosen. Without a variant in `wanted`, the architecture's default
 * variant is preferred, then the first entry of that architecture. None matching is an error
 * that lists what the image offers.
 */
export function selectPlatform(index: ImageIndex, wanted: PlatformWanted, image: string): IndexEntry {
  const target = normalizePlatform(wanted);
  const candidates = index.manifests.filter((entry) => entry.platform !== undefined && !isAttestation(entry));
  const sameArchitecture = candidates.filter((entry) => {
    const offered = normalizePlatform(entry.platform as Platform);
    return offered.os === target.os && offered.architecture === target.architecture;
  });
  const exact = sameArchitecture.find((entry) => normalizePlatform(entry.platform as Platform).variant === target.variant);
  const chosen = exact ?? (wanted.variant === undefined ? sameArchitecture[0] : undefined);
  if (chosen) return chosen;
  const offered = [...new Set(candidates.map((entry) => formatPlatform(entry.platform as Platform)))].sort();
  throw new BerthError({
    code: 'PLATFORM_NOT_FOUND',
    kind: 'not-found',
    message: `${image} has no image for ${formatPlatform(target)}; it offers ${offered.length ? offered.join(', ') : 'no platforms at all'}`,
    hint: offered.length ? `choose one of those with --platform` : 'the index lists no platform images; check the reference',
  });
}

function isAttestation(entry: IndexEntry): boolean {
  return entry.platform?.os === 'unknown' || entry.platform?.architecture === 'unknown' || entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}
