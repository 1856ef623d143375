import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { parseReference } from '../../../../src/runtime/images/reference/index.js';
import { dockerVerdict } from './docker-oracle.js';

const hex = '0123456789abcdef';
// Pieces that reach every branch of the grammar: separators, hosts, ports, brackets, digests of each length.
const pieces = [
  'a', 'b', 'z', '0', '9', 'A', 'Q', 'f', '_', '__', '.', '-', '--', '/', ':', '@', '[', ']', '::1', '%',
  'localhost', 'docker.io', 'index.docker.io', 'library', '5000', 'sha256:', 'sha512:', 'md5:',
  hex.repeat(2), hex.repeat(4), `sha256:${hex.repeat(4)}`, `sha512:${hex.repeat(8)}`, `sha256:${hex.toUpperCase().repeat(4)}`,
];
const tokenSoup = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((parts) => parts.join(''));

// Well-formed shapes with near misses in each part, so accepted references are common too.
const registry = fc.constantFrom('localhost', 'localhost:5000', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'Foo', 'a.b', 'a-b.c:80', '127.0.0.1:5000', '[::1]:5000', '[fe80::1%eth0]', 'foo_bar.com', '-x.com', 'a:b', 'x..y', '');
const noisyPart = fc.array(fc.constantFrom('a', 'b', '0', 'Z', '.', '_', '__', '-', '--', '$'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
const pathPart = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]{1,3}(?:(?:[._]|__|-{1,2})[a-z0-9]{1,3}){0,2}$/) }, { weight: 1, arbitrary: noisyPart });
const path = fc.array(pathPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const tag = fc.oneof(fc.stringMatching(/^\w[\w.-]{0,6}$/), fc.stringMatching(/^[A-Za-z0-9_.!-]{0,6}$/), fc.constantFrom('t'.repeat(128), 't'.repeat(129), '_x', '.x', '-x'));
const digest = fc.constantFrom(`sha256:${hex.repeat(4)}`, `sha256:${hex.repeat(4).toUpperCase()}`, `sha256:${hex.repeat(2)}`, `sha384:${hex.repeat(6)}`, `sha512:${hex.repeat(8)}`, `md5:${hex.repeat(2)}`, `SHA256:${hex.repeat(4)}`, 'sha256', '');
const shaped = fc
  .tuple(fc.option(registry), path, fc.option(tag), fc.option(digest))
  .map(([host, name, written, sum]) => (host === null ? name : `${host}/${name}`) + (written === null ? '' : `:${written}`) + (sum === null ? '' : `@${sum}`));

const referenceText = fc.oneof(tokenSoup, shaped);

function ours(text: string): unknown {
  try {
    return parseReference(text);
  } catch (error) {
    if (error instanceof BerthError && error.code === 'INVALID_REFERENCE' && error.kind === 'usage') return 'refused';
    throw error;
  }
}

describe('parseReference against Docker', () => {
  it("accepts what Docker accepts, normalized the same way, and refuses the rest", () => {
    fc.assert(
      fc.property(referenceText, (text) => {
        const docker = dockerVerdict(text);
        // Docker's empty-registry quirk (`foo_bar.com/app`) is refused here on purpose.
        expect(ours(text), text).toStrictEqual(docker === 'no-registry' ? 'refused' : docker);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on the cases the generator hits rarely', () => {
    const texts = ['foo_bar.com/app', `${'a/'.repeat(127)}a`, `${'a/'.repeat(128)}a`, 'a'.repeat(247), 'a'.repeat(248), `x:${'t'.repeat(128)}`, `x:${'t'.repeat(129)}`, 'Foo/bar', 'Foo_bar/app', 'LOCALHOST/app'];
    for (const text of texts) {
      const docker = dockerVerdict(text);
      expect(ours(text), text).toStrictEqual(docker === 'no-registry' ? 'refused' : docker);
    }
  });
});
