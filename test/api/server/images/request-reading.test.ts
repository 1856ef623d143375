import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { parseReference } from '../../../../src/runtime/images/index.js';
import { RegistryRefusal } from '../../../../src/runtime/images/registry/index.js';
import { matchesLabels, referenceMatches } from '../../../../src/api/server/router/images/image-filters.js';
import { withTag } from '../../../../src/api/server/router/images/image-names.js';
import { dockerManifestRefusal } from '../../../../src/api/server/router/images/registry-refusal.js';
import { untilCutoff } from '../../../../src/api/server/router/until-filter.js';

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

  test('a registry refusal of a manifest becomes dockerd\'s 404 text from its status and error entries; other failures stay', () => {
    const refusal = (status: number, registryErrors: Array<{ code: string; message: string }>, code = 'REGISTRY_NOT_FOUND'): RegistryRefusal =>
      new RegistryRefusal({ code, kind: 'not-found', message: `registry r refused manifest x: ${status}`, status, registryErrors });
    const reference = parseReference('127.0.0.1:5000/team/app:2');

    const manifest = dockerManifestRefusal(refusal(404, [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }]), reference);
    expect(manifest).toMatchObject({ kind: 'not-found', message: 'manifest for 127.0.0.1:5000/team/app:2 not found: manifest unknown: manifest unknown' });
    const name = dockerManifestRefusal(refusal(404, [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }]), reference);
    expect(name).toMatchObject({ message: 'repository 127.0.0.1:5000/team/app not found: name unknown: repository name not known to registry' });
    const denied = dockerManifestRefusal(refusal(403, [{ code: 'DENIED', message: 'requested access to the resource is denied' }], 'REGISTRY_DENIED'), parseReference('nope'));
    expect(denied).toMatchObject({ kind: 'not-found', message: "pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied" });
    // A registry message with commas is kept whole, as dockerd prints it.
    const worded = dockerManifestRefusal(refusal(401, [{ code: 'UNAUTHORIZED', message: 'authentication required, see the docs' }], 'REGISTRY_UNAUTHORIZED'), parseReference('nope'));
    expect(worded).toMatchObject({ message: "pull access denied for nope, repository does not exist or may require 'docker login': unauthorized: authentication required, see the docs" });

    // Without error entries the status speaks: 404 is an unknown manifest, 401 and 403 a denial.
    expect(dockerManifestRefusal(refusal(404, []), reference)).toMatchObject({ message: 'manifest for 127.0.0.1:5000/team/app:2 not found: manifest unknown: manifest unknown' });
    expect(dockerManifestRefusal(refusal(401, [], 'REGISTRY_UNAUTHORIZED'), parseReference('nope'))).toMatchObject({
      message: "pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    });

    const failed = refusal(500, [{ code: 'UNKNOWN', message: 'boom' }], 'REGISTRY_ERROR');
    expect(dockerManifestRefusal(failed, reference)).toBe(failed);
    const other = new BerthError({ code: 'REGISTRY_UNREACHABLE', kind: 'unavailable', message: 'cannot reach registry r' });
    expect(dockerManifestRefusal(other, reference)).toBe(other);
  });
});
