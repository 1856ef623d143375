import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { parsePlatform, selectPlatform, type ImageIndex, type IndexEntry } from '../../../../src/runtime/images/registry/index.js';

let next = 0;
function entry(os: string, architecture: string, variant?: string, annotations?: Record<string, string>): IndexEntry {
  next++;
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${String(next).padStart(64, '0')}`,
    size: 100,
    platform: variant === undefined ? { os, architecture } : { os, architecture, variant },
    ...(annotations ? { annotations } : {}),
  };
}

const attestation = entry('unknown', 'unknown', undefined, { 'vnd.docker.reference.type': 'attestation-manifest' });
const amd64 = entry('linux', 'amd64');
const arm64 = entry('linux', 'arm64', 'v8');
const armv6 = entry('linux', 'arm', 'v6');
const armv7 = entry('linux', 'arm', 'v7');
const index: ImageIndex = { schemaVersion: 2, manifests: [attestation, amd64, armv6, armv7, arm64] };

describe('selectPlatform', () => {
  test('uname and Debian architecture names are normalized to Go names', () => {
    expect(selectPlatform(index, { os: 'linux', architecture: 'x86_64' }, 'busybox')).toBe(amd64);
    expect(selectPlatform(index, { os: 'linux', architecture: 'aarch64' }, 'busybox')).toBe(arm64);
  });

  test('arm64 without a variant matches arm64/v8, and arm prefers its default v7', () => {
    const plain: ImageIndex = { schemaVersion: 2, manifests: [entry('linux', 'arm64')] };
    expect(selectPlatform(plain, { os: 'linux', architecture: 'arm64', variant: 'v8' }, 'busybox')).toBe(plain.manifests[0]);
    expect(selectPlatform(index, { os: 'linux', architecture: 'arm' }, 'busybox')).toBe(armv7);
    expect(selectPlatform(index, { os: 'linux', architecture: 'arm', variant: 'v6' }, 'busybox')).toBe(armv6);
  });

  test('attestation entries are never chosen and none matching lists what the image offers', () => {
    const onlyAttestation: ImageIndex = { schemaVersion: 2, manifests: [amd64, attestation] };

    let error: unknown;
    try {
      selectPlatform(onlyAttestation, { os: 'linux', architecture: 'riscv64' }, 'docker.io/library/busybox:latest');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('PLATFORM_NOT_FOUND');
    expect((error as BerthError).message).toBe('docker.io/library/busybox:latest has no image for linux/riscv64; it offers linux/amd64');
    expect(() => selectPlatform(onlyAttestation, { os: 'unknown', architecture: 'unknown' }, 'busybox')).toThrow('it offers linux/amd64');
  });
});

test('parsePlatform reads os/architecture[/variant] and refuses anything else', () => {
  expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
  expect(() => parsePlatform('amd64')).toThrow('platform "amd64" is not os/architecture[/variant]');
});
