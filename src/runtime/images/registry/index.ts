/**
 * The registry client: Docker's registry HTTP API v2 and the OCI distribution spec, with Docker's
 * token authentication, the docker CLI's credential store, and the checks that make every byte
 * pulled trustworthy (manifest and blob digests, sizes, diff_ids). See types.ts for the contract.
 */
export type {
  BlobOptions,
  BlobSource,
  CredentialSource,
  Credentials,
  Descriptor,
  FetchedManifest,
  ImageIndex,
  ImageManifest,
  IndexEntry,
  ManifestHead,
  ManifestOptions,
  Platform,
  Registry,
  RegistryOptions,
  RegistryReader,
  RegistryWriter,
  RequestOptions,
  RetryPolicy,
} from './types.js';
export { RegistryClient } from './registry-client.js';
export { RegistryRefusal, type RegistryErrorEntry } from './registry-errors.js';
export { MirroredRegistry } from './mirrored-registry.js';
export { openRegistry } from './open-registry.js';
export { MediaTypes, manifestAccept } from './media-types.js';
export { digestOf, isDigest, parseDigest, type ParsedDigest } from '../digest.js';
export { formatPlatform, hostPlatform, normalizePlatform, parsePlatform, selectPlatform, type PlatformWanted } from './platform.js';
export { decompressedLayer, type Compression, type DecompressedLayer, type DecompressOptions } from './decompressed-layer.js';
export { dockerConfigCredentials, fixedCredentials } from './docker-config-credentials.js';
export { removeDockerConfigAuth, writeDockerConfigAuth } from './docker-config-auth.js';
export { dockerConfigPath } from './docker-config-file.js';
