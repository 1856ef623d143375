import { BerthError } from '../../../errors/index.js';
import { digestOf, parseDigest as parseDigestOrUndefined, type ParsedDigest } from '../digest.js';

export type { DigestAlgorithm, ParsedDigest } from '../digest.js';

/**
 * Splits `sha256:<hex>` into its parts, or refuses it: the store turns digests into file names, so
 * anything but a registered algorithm and lowercase hex of the right length must never get that far.
 */
export function parseDigest(digest: string): ParsedDigest {
  const parsed = parseDigestOrUndefined(digest);
  if (parsed) return parsed;
  throw new BerthError({
    code: 'INVALID_DIGEST',
    kind: 'usage',
    message: `"${digest}" is not a valid content digest`,
    hint: 'a digest is an algorithm, a colon and lowercase hex: sha256:<64 hex digits> or sha512:<128 hex digits>',
  });
}

/** The sha256 digest of some bytes, in `sha256:<hex>` form. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return digestOf(bytes);
}
