import { describe, expect, it } from 'vitest';
import type { ImageReference } from '../../../../src/runtime/images/reference/index.js';
import { familiarReference, formatReference, manifestReference, parseReference, repositoryName } from '../../../../src/runtime/images/reference/index.js';

const sha256 = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('printing references', () => {
  it('prints the full form with the registry, the tag and the digest', () => {
    const cases: Array<[ImageReference, string]> = [
      [{ domain: 'docker.io', path: 'library/busybox', tag: 'latest' }, 'docker.io/library/busybox:latest'],
      [{ domain: 'localhost:5000', path: 'app', digest: sha256 }, `localhost:5000/app@${sha256}`],
      [{ domain: 'ghcr.io', path: 'org/app', tag: '1', digest: sha256 }, `ghcr.io/org/app:1@${sha256}`],
    ];
    for (const [ref, full] of cases) expect(formatReference(ref)).toBe(full);
  });

  it('names the repository with its registry and without tag or digest', () => {
    expect(repositoryName(parseReference(`busybox:1@${sha256}`))).toBe('docker.io/library/busybox');
    expect(repositoryName(parseReference('127.0.0.1:5000/org/app'))).toBe('127.0.0.1:5000/org/app');
  });

  it('prints the familiar form as Docker shows it, leaving out the implied latest', () => {
    const cases: Array<[string, string]> = [
      ['busybox', 'busybox'],
      ['busybox:latest', 'busybox'],
      ['docker.io/library/busybox:1.36', 'busybox:1.36'],
      ['docker.io/org/app:1', 'org/app:1'],
      ['index.docker.io/org/app', 'org/app'],
      ['library/foo/bar', 'library/foo/bar'],
      ['other/library', 'other/library'],
      ['127.0.0.1:8000/private/moonbase', '127.0.0.1:8000/private/moonbase'],
      ['localhost:5000/app:2', 'localhost:5000/app:2'],
      ['Foo/bar', 'Foo/bar'],
      [`busybox@${sha256}`, `busybox@${sha256}`],
      [`busybox:latest@${sha256}`, `busybox:latest@${sha256}`],
    ];
    for (const [written, familiar] of cases) expect(familiarReference(parseReference(written)), written).toBe(familiar);
  });

  it('gives back the same reference when the full or familiar form is parsed again', () => {
    for (const written of ['busybox', 'busybox:1', `busybox@${sha256}`, `busybox:latest@${sha256}`, 'org/app', 'docker.io/library/a/b', '[::1]:5000/x:y', 'Foo/bar']) {
      const ref = parseReference(written);
      expect(parseReference(formatReference(ref)), written).toStrictEqual(ref);
      expect(parseReference(familiarReference(ref)), written).toStrictEqual(ref);
    }
  });

  it('asks the registry for the digest when there is one, the tag otherwise', () => {
    expect(manifestReference(parseReference('busybox'))).toBe('latest');
    expect(manifestReference(parseReference('busybox:1.36'))).toBe('1.36');
    expect(manifestReference(parseReference(`busybox:1.36@${sha256}`))).toBe(sha256);
  });
});
