import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../../../src/runtime/images/reference/index.js';

const sha256 = `sha256:${'f'.repeat(64)}`;
const sha512 = `sha512:${'f'.repeat(128)}`;
const imageId = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';

/** Written form, then the full form after normalization. */
function expectNormalized(cases: Array<[string, string]>): void {
  for (const [written, full] of cases) expect(formatReference(parseReference(written)), written).toBe(full);
}

describe('parseReference', () => {
  it('puts names without a registry on Docker Hub, one-component names under library/, with tag latest', () => {
    expect(parseReference('busybox')).toStrictEqual({ domain: 'docker.io', path: 'library/busybox', tag: 'latest' });
    expect(parseReference('org/app')).toStrictEqual({ domain: 'docker.io', path: 'org/app', tag: 'latest' });
    expect(parseReference('org/team/app:1')).toStrictEqual({ domain: 'docker.io', path: 'org/team/app', tag: '1' });
  });

  it('reads the first component as a registry only with a "." or ":", as localhost, or with an uppercase letter', () => {
    const cases: Array<[string, string, string]> = [
      ['ghcr.io/org/app', 'ghcr.io', 'org/app'],
      ['localhost/app', 'localhost', 'app'],
      ['localhost:5000/app', 'localhost:5000', 'app'],
      ['127.0.0.1:5000/app', '127.0.0.1:5000', 'app'],
      ['test-com:8080/foo', 'test-com:8080', 'foo'],
      ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
      ['[::1]:5000/repo', '[::1]:5000', 'repo'],
      ['Foo/bar', 'Foo', 'bar'],
      ['test_com/foo', 'docker.io', 'test_com/foo'],
      ['docker/migrator', 'docker.io', 'docker/migrator'],
      ['localhostx/app', 'docker.io', 'localhostx/app'],
    ];
    for (const [written, domain, path] of cases) expect(parseReference(written), written).toMatchObject({ domain, path });
  });

  it('normalizes index.docker.io and docker.io names to docker.io, adding library/ to one-component paths', () => {
    expectNormalized([
      ['docker.io/foo', 'docker.io/library/foo:latest'],
      ['index.docker.io/foo', 'docker.io/library/foo:latest'],
      ['index.docker.io/org/app:2', 'docker.io/org/app:2'],
      ['docker.io/library/foo/bar', 'docker.io/library/foo/bar:latest'],
      // Only Docker Hub gets library/: another registry's one-component path stays as written.
      ['127.0.0.1:5000/debian', '127.0.0.1:5000/debian:latest'],
      // registry-1.docker.io is where Hub is served from, not a name Docker normalizes.
      ['registry-1.docker.io/foo', 'registry-1.docker.io/foo:latest'],
    ]);
  });

  it('keeps a tag and a digest written together, and adds no tag beside a digest', () => {
    expect(parseReference(`busybox:1.36@${sha256}`)).toStrictEqual({ domain: 'docker.io', path: 'library/busybox', tag: '1.36', digest: sha256 });
    expect(parseReference(`busybox@${sha256}`)).toStrictEqual({ domain: 'docker.io', path: 'library/busybox', digest: sha256 });
    expect(formatReference(parseReference(`busybox:latest@${sha256}`))).toBe(`docker.io/library/busybox:latest@${sha256}`);
  });

  it('takes a ":" before a "/" as a port and a ":" after the last "/" as a tag', () => {
    expectNormalized([
      ['localhost:5000', 'docker.io/library/localhost:5000'],
      ['test.com:5000', 'docker.io/library/test.com:5000'],
      ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000/repo:5050'],
      [`[2001:db8::1]:5000/repo:tag@${sha256}`, `[2001:db8::1]:5000/repo:tag@${sha256}`],
    ]);
  });

  it('accepts the boundaries of the grammar: 255-character paths, 128-character tags, tags with uppercase', () => {
    const longest = `${'a/'.repeat(127)}a`;
    expect(parseReference(`${longest}:tag-puts-this-over-max`).path).toBe(longest);
    expect(parseReference(`app:${'t'.repeat(128)}`).tag).toHaveLength(128);
    expect(parseReference('lowercase:Uppercase').tag).toBe('Uppercase');
    expect(parseReference('app:_private').tag).toBe('_private');
  });

  it("accepts Docker's own valid repository names (distribution/reference normalize_test.go)", () => {
    expectNormalized([
      ['docker/docker', 'docker.io/docker/docker:latest'],
      ['library/debian', 'docker.io/library/debian:latest'],
      ['debian', 'docker.io/library/debian:latest'],
      ['docker.io/docker/docker', 'docker.io/docker/docker:latest'],
      ['docker.io/library/debian', 'docker.io/library/debian:latest'],
      ['docker.io/debian', 'docker.io/library/debian:latest'],
      ['index.docker.io/docker/docker', 'docker.io/docker/docker:latest'],
      ['index.docker.io/library/debian', 'docker.io/library/debian:latest'],
      ['index.docker.io/debian', 'docker.io/library/debian:latest'],
      ['127.0.0.1:5000/docker/docker', '127.0.0.1:5000/docker/docker:latest'],
      ['127.0.0.1:5000/library/debian', '127.0.0.1:5000/library/debian:latest'],
      ['127.0.0.1:5000/debian', '127.0.0.1:5000/debian:latest'],
      ['192.168.0.1', 'docker.io/library/192.168.0.1:latest'],
      ['192.168.0.1:80', 'docker.io/library/192.168.0.1:80'],
      ['192.168.0.1:8/debian', '192.168.0.1:8/debian:latest'],
      ['192.168.0.2:25000/debian', '192.168.0.2:25000/debian:latest'],
      ['thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', 'docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev:latest'],
      ['[fc00::1]:5000/docker', '[fc00::1]:5000/docker:latest'],
      ['[fc00::1]:5000/docker/docker', '[fc00::1]:5000/docker/docker:latest'],
      ['[fc00:1:2:3:4:5:6:7]:5000/library/debian', '[fc00:1:2:3:4:5:6:7]:5000/library/debian:latest'],
      // With a registry, a 64-hex-digit path is no longer ambiguous with an image ID.
      [`docker.io/${imageId}`, `docker.io/library/${imageId}:latest`],
      ['Docker/docker', 'Docker/docker:latest'],
      ['DOCKER/docker', 'DOCKER/docker:latest'],
      ['docker-rules/docker', 'docker.io/docker-rules/docker:latest'],
      ['docker---rules/docker', 'docker.io/docker---rules/docker:latest'],
      ['doc/docker', 'docker.io/doc/docker:latest'],
      ['d/docker', 'docker.io/d/docker:latest'],
      ['jess/t', 'docker.io/jess/t:latest'],
      ['dock__er/docker', 'docker.io/dock__er/docker:latest'],
    ]);
  });

  it("accepts Docker's own valid references (distribution/reference reference_test.go), normalized", () => {
    expectNormalized([
      ['test_com', 'docker.io/library/test_com:latest'],
      ['test.com:tag', 'docker.io/library/test.com:tag'],
      ['test.com/repo:tag', 'test.com/repo:tag'],
      ['test:5000/repo', 'test:5000/repo:latest'],
      ['test:5000/repo:tag', 'test:5000/repo:tag'],
      [`test:5000/repo@${sha256}`, `test:5000/repo@${sha256}`],
      [`test:5000/repo:tag@${sha256}`, `test:5000/repo:tag@${sha256}`],
      ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com/bar/baz/quux:latest'],
      ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com/bar/baz/quux:some-long-tag'],
      ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io/test.example.com/my-app:test.example.com'],
      ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com/myimage:xn--n3h.com'],
      [`xn--7o8h.com/myimage:xn--7o8h.com@${sha512}`, `xn--7o8h.com/myimage:xn--7o8h.com@${sha512}`],
      ['foo_bar.com:8080', 'docker.io/library/foo_bar.com:8080'],
      ['foo/foo_bar.com:8080', 'docker.io/foo/foo_bar.com:8080'],
      ['192.168.1.1', 'docker.io/library/192.168.1.1:latest'],
      ['192.168.1.1:tag', 'docker.io/library/192.168.1.1:tag'],
      ['192.168.1.1/repo', '192.168.1.1/repo:latest'],
      ['192.168.1.1:5000/repo', '192.168.1.1:5000/repo:latest'],
      ['[2001:db8::1]/repo', '[2001:db8::1]/repo:latest'],
      ['[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]/repo:tag'],
      ['[2001:db8::1]:5000/repo', '[2001:db8::1]:5000/repo:latest'],
      ['[2001:db8::]:5000/repo', '[2001:db8::]:5000/repo:latest'],
      ['redis', 'docker.io/library/redis:latest'],
      ['dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c', 'docker.io/dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'],
      // One hex digit short of an image ID: an ordinary name.
      ['dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9', 'docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9:latest'],
    ]);
  });
});
