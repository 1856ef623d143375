import { BerthError } from '../../../errors/index.js';
import { digestOf, parseDigest } from '../digest.js';
import { bareMediaType, isIndexType, isManifestType, isSchema1, MediaTypes } from './media-types.js';
import type { FetchedManifest, ImageIndex, ImageManifest } from './types.js';

export interface ReceivedManifest {
  readonly bytes: Buffer;
  readonly contentType: string | undefined;
  /** `Docker-Content-Digest`, when the registry sent it. */
  readonly headerDigest: string | undefined;
  /** The tag or digest that was asked for. */
  readonly reference: string;
  /** `127.0.0.1:5000/library/busybox:latest`, for messages. */
  readonly image: string;
}

/**
 * Turns the bytes of a manifest answer into a checked manifest: refuses schema 1, hashes the
 * exact bytes and compares them with the digest asked for and with `Docker-Content-Digest`, then
 * checks the JSON has the shape its media type promises.
 */
export function readManifest(received: ReceivedManifest): FetchedManifest {
  const { bytes, image } = received;
  const declared = bareMediaType(received.contentType);
  if (declared !== undefined && isSchema1(declared)) throw schema1Refused(image);

  const asked = parseDigest(received.reference);
  const digest = digestOf(bytes, asked?.algorithm);
  if (asked && digest !== received.reference) throw digestMismatch(image, received.reference, digest, 'the digest asked for');
  const headerDigest = received.headerDigest?.trim();
  const announced = headerDigest === undefined ? undefined : parseDigest(headerDigest);
  if (headerDigest !== undefined && announced) {
    const computed = digestOf(bytes, announced.algorithm);
    if (computed !== headerDigest) throw digestMismatch(image, headerDigest, computed, 'Docker-Content-Digest');
  }

  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    json = parsed as Record<string, unknown>;
  } catch (cause) {
    throw invalid(image, `it is not a JSON object (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (json.schemaVersion === 1) throw schema1Refused(image);

  const mediaType = chooseMediaType(declared, json);
  if (mediaType === undefined) {
    throw new BerthError({
      code: 'MANIFEST_MEDIA_TYPE_UNSUPPORTED',
      kind: 'unavailable',
      message: `manifest of ${image} has media type ${declared ?? 'none'}, which is not an image manifest or index`,
      hint: 'the reference names an artifact that is not a container image, or the registry sent the wrong Content-Type',
    });
  }
  if (json.schemaVersion !== 2) throw invalid(image, `its schemaVersion is ${JSON.stringify(json.schemaVersion)}, not 2`);
  if (isIndexType(mediaType)) {
    if (!Array.isArray(json.manifests)) throw invalid(image, 'an index without a "manifests" list');
    json.manifests.forEach((entry, position) => checkDescriptor(entry, `manifests[${position}]`, image));
    return { kind: 'index', mediaType, digest, bytes, json: json as unknown as ImageIndex };
  }
  checkDescriptor(json.config, 'config', image);
  if (!Array.isArray(json.layers)) throw invalid(image, 'a manifest without a "layers" list');
  json.layers.forEach((entry, position) => checkDescriptor(entry, `layers[${position}]`, image));
  return { kind: 'manifest', mediaType, digest, bytes, json: json as unknown as ImageManifest };
}

/** The Content-Type when it is one of the four; else the JSON's own `mediaType`; else what the shape says. */
function chooseMediaType(declared: string | undefined, json: Record<string, unknown>): string | undefined {
  if (declared !== undefined && (isIndexType(declared) || isManifestType(declared))) return declared;
  const inside = typeof json.mediaType === 'string' ? json.mediaType : undefined;
  if (inside !== undefined) return isIndexType(inside) || isManifestType(inside) ? inside : undefined;
  // Generic or missing Content-Type and no mediaType field: an OCI document (mediaType is optional there).
  if (declared !== undefined && declared !== 'application/json' && declared !== 'text/plain' && declared !== 'application/octet-stream') return undefined;
  if (Array.isArray(json.manifests)) return MediaTypes.ociIndex;
  if (json.config !== undefined && Array.isArray(json.layers)) return MediaTypes.ociManifest;
  return undefined;
}

function checkDescriptor(value: unknown, where: string, image: string): void {
  const entry = (value ?? {}) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) throw invalid(image, `${where} is not an object`);
  if (typeof entry.mediaType !== 'string') throw invalid(image, `${where} has no mediaType`);
  if (typeof entry.digest !== 'string' || !parseDigest(entry.digest)) throw invalid(image, `${where} has no valid digest (${JSON.stringify(entry.digest)})`);
  if (typeof entry.size !== 'number' || !Number.isSafeInteger(entry.size) || entry.size < 0) throw invalid(image, `${where} has no valid size (${JSON.stringify(entry.size)})`);
}

function schema1Refused(image: string): BerthError {
  return new BerthError({
    code: 'MANIFEST_SCHEMA1_UNSUPPORTED',
    kind: 'unavailable',
    message: `${image} is stored in the Docker image manifest schema 1 format, which berth does not support (Docker dropped it too)`,
    hint: 'push the image again with a current docker or skopeo, which writes schema 2 or OCI manifests',
  });
}

function digestMismatch(image: string, expected: string, actual: string, source: string): BerthError {
  return new BerthError({
    code: 'MANIFEST_DIGEST_MISMATCH',
    kind: 'unavailable',
    message: `manifest of ${image} does not match ${source}: expected ${expected}, received bytes hash to ${actual}`,
    hint: 'the registry, a mirror or a proxy altered the manifest; pull again, or from another mirror',
  });
}

function invalid(image: string, problem: string): BerthError {
  return new BerthError({
    code: 'MANIFEST_INVALID',
    kind: 'unavailable',
    message: `manifest of ${image} is malformed: ${problem}`,
    hint: 'the image in the registry is broken; push it again',
  });
}
