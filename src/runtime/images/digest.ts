/**
 * Content digests, shared by the registry client and the store. Digests come from manifests,
 * which are hostile input, and become file names: only a registered algorithm with lowercase hex
 * of the right length is a digest.
 */
import { createHash, type Hash } from 'node:crypto';
import { BerthError } from '../../errors/index.js';

const hexLength = { sha256: 64, sha512: 128 } as const;
export type DigestAlgorithm = keyof typeof hexLength;

export interface ParsedDigest {
  readonly algorithm: DigestAlgorithm;
  readonly hex: string;
}

/** `sha256:<64 lowercase hex>` or `sha512:<128 lowercase hex>`, the algorithms OCI registers; undefined for anything else. */
export function parseDigest(text: string): ParsedDigest | undefined {
  const colon = text.indexOf(':');
  const algorithm = text.slice(0, colon);
  const hex = text.slice(colon + 1);
  if (algorithm !== 'sha256' && algorithm !== 'sha512') return undefined;
  if (hex.length !== hexLength[algorithm] || !/^[0-9a-f]+$/.test(hex)) return undefined;
  return { algorithm, hex };
}

export function isDigest(text: string): boolean {
  return parseDigest(text) !== undefined;
}

/** The parsed digest, or an error that names what carried it. */
export function requireDigest(text: string, what: string): ParsedDigest {
  const parsed = parseDigest(text);
  if (parsed) return parsed;
  throw new BerthError({
    code: 'INVALID_DIGEST',
    kind: 'usage',
    message: `${what}: "${text}" is not a digest`,
    hint: 'a digest is sha256: followed by 64 lowercase hex digits (or sha512: and 128)',
  });
}

export function digestHash(digest: ParsedDigest): Hash {
  return createHash(digest.algorithm);
}

/** The digest of some bytes (or text, as UTF-8), in `algorithm:<hex>` form. */
export function digestOf(bytes: Uint8Array | string, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}
