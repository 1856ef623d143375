import { createHash } from 'node:crypto';
import { BerthError } from '../../../errors/index.js';

/** The algorithms the OCI image spec registers, with the length of their hex encoding. */
const hexLengths = { sha256: 64, sha512: 128 } as const;
export type DigestAlgorithm = keyof typeof hexLengths;

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

/**
 * Splits `sha256:<hex>` into its parts. Digests come from manifests, which are hostile input, and
 * they become file names: anything but a registered algorithm and lowercase hex of the right length
 * is refused here so that no digest can name a path outside the store.
 */
export function parseDigest(digest: string): ParsedDigest {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  if (colon > 0 && isAlgorithm(algorithm) && hex.length === hexLengths[algorithm] && /^[0-9a-f]+$/.test(hex)) {
    return { algorithm, hex };
  }
  throw new BerthError({
    code: 'INVALID_DIGEST',
    kind: 'usage',
    message: `"${digest}" is not a valid content digest`,
    hint: 'a digest is an algorithm, a colon and lowercase hex: sha256:<64 hex digits> or sha512:<128 hex digits>',
  });
}

function isAlgorithm(name: string): name is DigestAlgorithm {
  return Object.hasOwn(hexLengths, name);
}

/** The sha256 digest of some bytes, in `sha256:<hex>` form. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
