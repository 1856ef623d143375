import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { parseReference } from '../../../../src/runtime/images/index.js';
import { matchesLabels, referenceMatches } from '../../../../src/api/server/router/images/image-filters.js';
import { withTag } from '../../../../src/api/server/router/images/image-names.js';
import { dockerManifestRefusal } from '../../../../src/api/server/router/images/registry-refusal.js';
import { untilCutoff } from '../../../../src/api/server/router/images/until-filter.js';

describe('the images routes read names, filters and registry refusals as dockerd does', () => {
  test('a tag replaces the one in the name, a digest makes name@digest, and a registry port is not a tag', () => {
    expect(withTag('busybox', '1')).toBe('busybox:1');
    expect(withTag('busybox:1', '2')).toBe('busybox:2');
    expect(withTag('localhost:5000/app', undefined)).toBe('localhost:5000/app');
    expect(withTag('localhost:5000/app', 'v1')).toBe('localhost:5000/app:v1');
    expect(withTag('busybox:1', `sha256:${'a'.repeat(64)}`)).toBe(`busybox@sha256:${'a'.repeat(64)}`);
  });

  test('a reference filter matches the familiar string, then the familiar name, with path.Match globs', () => {
    expect(referenceMatches('busybox', 'busybox:latest')).toBe(true);
    expect(referenceMatches('busybox:1*', 'busybox:1.36')).toBe(true);
    expect(referenceMatches('busybox:1*', 'busybox:latest')).toBe(false);
    expect(referenceMatches('team/*', 'team/app:1')).toBe(true);
    expect(referenceMatches('*', 'team/app:1')).toBe(false);
    expect(referenceMatches('localhost:5000/ap?', 'localhost:5000/app:1')).toBe(true);
    expect(referenceMatches('busybox', `busybox@sha256:${'b'.repeat(64)}`)).toBe(true);
    expect(() => referenceMatches('[abc', 'a:1')).toThrow(/syntax error in pattern/);
  });

  test('label filters need every key and value given; the negated form refuses any', () => {
    const labels = { tier: 'web', team: 'a' };
    expect(matchesLabels(['tier', 'team=a'], labels)).toBe(true);
    expect(matchesLabels(['tier=db'], labels)).toBe(false);
    expect(matchesLabels(['tier'], null)).toBe(false);
    expect(matchesLabels(['tier=db'], labels, true)).toBe(true);
    expect(matchesLabels(['team'], labels, true)).toBe(false);
  });

  test('until is a Go duration back from now, Unix seconds or a date, else a 400', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(untilCutoff(['1h30m'], now)).toBe(now - 90 * 60_000);
    expect(untilCutoff(['1700000000.5'], now)).toBe(1_700_000_000_500);
    expect(untilCutoff(['2024-01-02T03:04:05Z'], now)).toBe(Date.parse('2024-01-02T03:04:05Z'));
    expect(untilCutoff(undefined, now)).toBeUndefined();
    expect(() => untilCutoff(['soon'], now)).toThrow('failed to parse value as time or duration: "soon"');
    expect(() => untilCutoff(['1h', '2h'], now)).toThrow('more than one until filter specified');
  });

  test('a registry refusal of a manifest becomes dockerd\'s 404 text; other failures stay', () => {
    const refusal = (code: string, message: string): BerthError => new BerthError({ code, kind: 'not-found', message });
    const reference = parseReference('127.0.0.1:5000/team/app:2');

    const manifest = dockerManifestRefusal(refusal('REGISTRY_NOT_FOUND', 'registry 127.0.0.1:5000 refused manifest 127.0.0.1:5000/team/app:2: 404 Not Found, MANIFEST_UNKNOWN: manifest unknown'), reference);
    expect(manifest).toMatchObject({ kind: 'not-found', message: 'manifest for 127.0.0.1:5000/team/app:2 not found: manifest unknown: manifest unknown' });
    const name = dockerManifestRefusal(refusal('REGISTRY_NOT_FOUND', 'registry r refused manifest x: 404 Not Found, NAME_UNKNOWN: repository name not known to registry'), reference);
    expect(name).toMatchObject({ message: 'repository 127.0.0.1:5000/team/app not found: name unknown: repository name not known to registry' });
    const denied = dockerManifestRefusal(refusal('REGISTRY_DENIED', 'registry r refused manifest x: 403 Forbidden, DENIED: requested access to the resource is denied'), parseReference('nope'));
    expect(denied).toMatchObject({ kind: 'not-found', message: "pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied" });

    const other = refusal('REGISTRY_ERROR', 'registry r refused manifest x: 500 Internal Server Error');
    expect(dockerManifestRefusal(other, reference)).toBe(other);
  });
});
