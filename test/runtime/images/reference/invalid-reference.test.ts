import { describe, expect, it } from 'vitest';
import { parseReference } from '../../../../src/runtime/images/reference/index.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

const sha256 = `sha256:${'f'.repeat(64)}`;
const imageId = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';
const hints = {
  component: 'each "/"-separated part of a repository name is lowercase letters and digits, joined by ".", "_", "__" or dashes, and starts and ends with a letter or digit',
  host: 'a registry host is a DNS name or IPv4 address, or an IPv6 address in brackets, with an optional ":PORT" (registry.example.com:5000, [::1]:5000)',
  tag: 'a tag is up to 128 letters, digits, "_", "." and "-", and does not start with "." or "-"',
  digest: 'copy the digest as the registry or "docker images --digests" shows it: "sha256:" and 64 lowercase hex digits',
};

describe('parseReference refusals', () => {
  it('names the text, the wrong part and the fix, for each kind of mistake', () => {
    const cases: Array<[text: string, problem: string, hint: string]> = [
      ['', 'the reference is empty', 'write an image reference such as "busybox", "busybox:1.36", "ghcr.io/org/app:1" or "localhost:5000/app@sha256:<64 hex digits>"'],
      [imageId, 'a 64-hex-digit string is an image ID, not a repository name', 'to pull by content, write the name with the digest: "NAME@sha256:<hex>"'],
      [':justtag', 'the repository name is missing', 'put the repository name before the tag or digest, as in "busybox:1.36"'],
      [`@${sha256}`, 'the repository name is missing', 'put the repository name before the tag or digest, as in "busybox:1.36"'],
      ['Busybox:1.36', 'repository name "Busybox" must be lowercase', 'write it in lowercase: "busybox:1.36" (tags may use uppercase)'],
      ['docker.io/docker/Docker', 'repository name "docker/Docker" must be lowercase', 'write it in lowercase: "docker.io/docker/docker" (tags may use uppercase)'],
      ['test:5000/Uppercase/lowercase:tag', 'repository name "Uppercase/lowercase" must be lowercase', 'write it in lowercase: "test:5000/uppercase/lowercase:tag" (tags may use uppercase)'],
      ['Foo_bar/app', 'repository name "Foo_bar/app" must be lowercase', 'write it in lowercase: "foo_bar/app" (tags may use uppercase)'],
      ['Bad-/app', 'repository name "Bad-/app" must be lowercase', hints.component],
      ['org/dock..er', '"dock..er" is not a valid part of a repository name', hints.component],
      ['-docker', '"-docker" is not a valid part of a repository name', hints.component],
      // A first component with a "." is a registry host by Docker's rule, so that is what is reported.
      ['dock..er/docker', 'registry host "dock..er" is not valid', hints.host],
      ['aa/asdf$$^/aa', '"asdf$$^" is not a valid part of a repository name', hints.component],
      ['docker///docker', 'repository name "docker///docker" has an empty part', 'remove the doubled, leading or trailing "/"'],
      ['docker/', 'repository name "docker/" has an empty part', 'remove the doubled, leading or trailing "/"'],
      ['localhost:5000/', 'no repository name follows the registry host "localhost:5000"', 'add the repository after the "/", as in "localhost:5000/app:1"'],
      ['[fc00::1]:5000', 'registry host "[fc00::1]:5000" is not followed by a repository name', 'add the repository after a "/", as in "[fc00::1]:5000/app:1"'],
      ['fc00::1:5000/debian', 'registry host "fc00::1:5000" is not valid', hints.host],
      ['[fe80::1%eth0]:5000/debian', 'registry host "[fe80::1%eth0]:5000" is not valid', hints.host],
      ['https://github.com/docker/docker', 'registry host "https:" is not valid', 'leave out the URL scheme: "github.com/docker/docker"'],
      [`${'a/'.repeat(128)}a:tag`, 'the repository name is 257 characters long; the limit is 255', 'shorten the repository name to 255 characters or fewer'],
      ['busybox:', 'the tag after ":" is empty', 'write a tag after ":", or leave out the ":" to use "latest"'],
      ['busybox:-foo', 'tag "-foo" is not valid', hints.tag],
      ['busybox:1.36!', 'tag "1.36!" is not valid', hints.tag],
      [`busybox:${'t'.repeat(129)}`, 'the tag is 129 characters long; the limit is 128', hints.tag],
      ['busybox@', 'the digest after "@" is empty', hints.digest],
      ['busybox@sha256', 'digest "sha256" is not of the form ALGORITHM:HEX', hints.digest],
      [`validname@invaliddigest:${'f'.repeat(64)}`, 'digest algorithm "invaliddigest" is not supported', 'use a sha256, sha384 or sha512 digest'],
      [`repo@sha256:${'f'.repeat(34)}`, `digest "sha256:${'f'.repeat(34)}" is not valid: sha256 takes 64 lowercase hex digits`, hints.digest],
      [`repo@sha256:${'F'.repeat(64)}`, `digest "sha256:${'F'.repeat(64)}" is not valid: sha256 takes 64 lowercase hex digits`, hints.digest],
    ];
    for (const [text, problem, hint] of cases) {
      const error = berthErrorOf(() => parseReference(text));
      expect({ code: error.code, kind: error.kind, message: error.message, hint: error.hint }, text).toStrictEqual({
        code: 'INVALID_REFERENCE',
        kind: 'usage',
        message: `invalid image reference ${JSON.stringify(text)}: ${problem}`,
        hint,
      });
    }
  });

  it("refuses Docker's own invalid names and references (distribution/reference tests)", () => {
    const invalid = [
      'https://github.com/docker/docker',
      'docker/Docker',
      '-docker',
      '-docker/docker',
      '-docker.io/docker/docker',
      'docker///docker',
      'docker.io/docker/Docker',
      'docker.io/docker///docker',
      '[fc00::1]',
      '[fc00::1]:5000',
      'fc00::1:5000/debian',
      '[fe80::1%eth0]:5000/debian',
      '[2001:db8:3:4::192.0.2.33]:5000/debian',
      imageId,
      'docker-/docker',
      '-docker-/docker',
      '____/____',
      '_docker/_docker',
      'dock..er/docker',
      'dock_.er/docker',
      'dock-.er/docker',
      'docker/',
      `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`,
      '',
      ':justtag',
      `@${sha256}`,
      `repo@sha256:${'f'.repeat(34)}`,
      `validname@invaliddigest:${'f'.repeat(64)}`,
      'Uppercase:tag',
      'test:5000/Uppercase/lowercase:tag',
      `${'a/'.repeat(128)}a:tag`,
      'aa/asdf$$^/aa',
      '[2001:db8::1]',
      '[2001:db8::1]:5000',
      '[2001:db8::1]:tag',
      '[fe80::1%eth0]:5000/repo',
      '[fe80::1%@invalidzone]:5000/repo',
    ];
    for (const text of invalid) expect(berthErrorOf(() => parseReference(text)).code, text).toBe('INVALID_REFERENCE');
  });

  it('refuses a 255-character name once library/ makes its path longer than 255', () => {
    const name = 'a'.repeat(250);
    expect(berthErrorOf(() => parseReference(name)).message).toBe(`invalid image reference "${name}": the repository name is 258 characters long with the implied "library/"; the limit is 255`);
    expect(parseReference(`example.com/${name}`).path).toBe(name);
  });

  it('refuses a second "@", whitespace and a first component with a "." that is no host', () => {
    for (const text of [`busybox@${sha256}@${sha256}`, ' busybox', 'busybox latest', 'foo_bar.com/app']) {
      expect(berthErrorOf(() => parseReference(text)).code, text).toBe('INVALID_REFERENCE');
    }
  });
});
