import { expect, test } from 'vitest';
import { parseChallenges } from '../../../../src/runtime/images/registry/challenge.js';

test('a Bearer challenge keeps the commas inside its quoted scope', () => {
  expect(parseChallenges(['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"'])).toEqual([
    { scheme: 'bearer', parameters: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } },
  ]);
});

test('several challenges in one value and in several values are all read', () => {
  expect(parseChallenges(['Basic realm="a", Bearer realm="b",error="insufficient_scope"', 'Digest realm=c, nonce="x\\"y"'])).toEqual([
    { scheme: 'basic', parameters: { realm: 'a' } },
    { scheme: 'bearer', parameters: { realm: 'b', error: 'insufficient_scope' } },
    { scheme: 'digest', parameters: { realm: 'c', nonce: 'x"y' } },
  ]);
});

test('scheme and parameter names are case-insensitive', () => {
  expect(parseChallenges(['BASIC Realm="Registry Realm"'])).toEqual([{ scheme: 'basic', parameters: { realm: 'Registry Realm' } }]);
});
