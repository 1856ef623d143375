import { ComposeError } from '../compose-error.js';
import { parseVolumeShortSyntax } from '../normalize/volume-spec.js';
import { isMapping } from './tree.js';

/** A service volume is known by where it is mounted in the container. */
export function volumeTarget(entry: unknown): string | undefined {
  if (isMapping(entry)) return typeof entry.target === 'string' ? entry.target : undefined;
  if (typeof entry !== 'string') return undefined;
  try {
    return parseVolumeShortSyntax(entry, []).target;
  } catch (error) {
    // An entry Compose cannot read is left in place for normalization to report where it stands.
    if (error instanceof ComposeError) return undefined;
    throw error;
  }
}
