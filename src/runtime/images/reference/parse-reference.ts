import type { BerthError } from '../../../errors/index.js';
import { dockerHubDomain, legacyDockerHubDomain, officialNamespace } from './docker-hub.js';
import { digestHexLength, digestProblem, isDomain, isImageId, isPathComponent, isTag, looksLikeDomain, maxPathLength, maxTagLength } from './grammar.js';
import type { ImageReference } from './image-reference.js';
import { invalidReference } from './reference-error.js';

const defaultTag = 'latest';

const hints = {
  example: 'write an image reference such as "busybox", "busybox:1.36", "ghcr.io/org/app:1" or "localhost:5000/app@sha256:<64 hex digits>"',
  component: 'each "/"-separated part of a repository name is lowercase letters and digits, joined by ".", "_", "__" or dashes, and starts and ends with a letter or digit',
  host: 'a registry host is a DNS name or IPv4 address, or an IPv6 address in brackets, with an optional ":PORT" (registry.example.com:5000, [::1]:5000)',
  tag: `a tag is up to ${maxTagLength} letters, digits, "_", "." and "-", and does not start with "." or "-"`,
  digest: 'copy the digest as the registry or "docker images --digests" shows it: "sha256:" and 64 lowercase hex digits',
};

/**
 * Parses an image reference the way Docker does (`ParseNormalizedNamed`, then `TagNameOnly`):
 * `busybox` is `docker.io/library/busybox:latest`, `index.docker.io/org/app` is `docker.io/org/app:latest`,
 * and `localhost:5000/app@sha256:...` keeps its digest and gets no tag. Docker's language is accepted
 * exactly, except that a first component with a "." that is not a valid host (`foo_bar.com/app`) is
 * refused here, where Docker accepts it as a reference with no registry at all.
 *
 * @throws BerthError INVALID_REFERENCE (kind usage) naming the text, the wrong part and the fix.
 */
export function parseReference(text: string): ImageReference {
  if (text === '') throw invalidReference(text, 'the reference is empty', hints.example);
  if (isImageId(text)) {
    throw invalidReference(text, 'a 64-hex-digit string is an image ID, not a repository name', 'to pull by content, write the name with the digest: "NAME@sha256:<hex>"');
  }

  // Neither a name nor a tag can hold "@", and a tag cannot hold ":" or "/": so the digest follows
  // the first "@", and the tag follows the last ":" when no "/" comes after it (a ":" before a "/" is a port).
  const at = text.indexOf('@');
  const nameAndTag = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;

  if (name === '') throw invalidReference(text, 'the repository name is missing', 'put the repository name before the tag or digest, as in "busybox:1.36"');
  if (name.startsWith('[') && !name.includes('/')) {
    throw invalidReference(text, `registry host ${JSON.stringify(nameAndTag)} is not followed by a repository name`, `add the repository after a "/", as in "${nameAndTag}/app:1"`);
  }
  const { domain, path } = splitName(text, name);
  if (tag !== undefined) checkTag(text, tag);
  if (digest !== undefined) checkDigest(text, digest);

  if (digest === undefined) return { domain, path, tag: tag ?? defaultTag };
  return tag === undefined ? { domain, path, digest } : { domain, path, tag, digest };
}

/** Splits `name` into registry domain and repository path by Docker's rules, and checks both. */
function splitName(text: string, name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash === -1 || !looksLikeDomain(first)) {
    checkPath(text, name, name);
    // Docker Hub's one-component names are official images: `busybox` is `library/busybox`.
    const path = slash === -1 ? officialNamespace + name : name;
    checkPathLength(text, path, slash === -1);
    return { domain: dockerHubDomain, path };
  }

  const written = name.slice(slash + 1);
  if (!isDomain(first)) throw badDomain(text, name, first);
  const domain = first === legacyDockerHubDomain ? dockerHubDomain : first;
  if (written === '') throw invalidReference(text, `no repository name follows the registry host ${JSON.stringify(first)}`, `add the repository after the "/", as in "${first}/app:1"`);
  checkPath(text, name, written);
  const official = domain === dockerHubDomain && !written.includes('/');
  const path = official ? officialNamespace + written : written;
  checkPathLength(text, path, official);
  return { domain, path };
}

function badDomain(text: string, name: string, first: string): BerthError {
  // Docker reads an uppercase first component as a host; when it cannot be one, the likelier mistake is case.
  if (!first.includes('.') && !first.includes(':')) return uppercase(text, name, name);
  const scheme = text.indexOf('://');
  if (scheme !== -1) return invalidReference(text, `registry host ${JSON.stringify(first)} is not valid`, `leave out the URL scheme: "${text.slice(scheme + 3)}"`);
  return invalidReference(text, `registry host ${JSON.stringify(first)} is not valid`, hints.host);
}

/** Checks the path as written (before `library/` is added), so messages show what the user typed. */
function checkPath(text: string, name: string, written: string): void {
  if (written !== written.toLowerCase()) throw uppercase(text, name, written);
  for (const component of written.split('/')) {
    if (component === '') throw invalidReference(text, `repository name ${JSON.stringify(written)} has an empty part`, 'remove the doubled, leading or trailing "/"');
    if (!isPathComponent(component)) throw invalidReference(text, `${JSON.stringify(component)} is not a valid part of a repository name`, hints.component);
  }
}

/** Docker limits the path after normalization, so `library/` counts; saying so explains a 250-character name's refusal. */
function checkPathLength(text: string, path: string, impliedNamespace: boolean): void {
  if (path.length <= maxPathLength) return;
  const implied = impliedNamespace ? ` with the implied "${officialNamespace}"` : '';
  throw invalidReference(text, `the repository name is ${path.length} characters long${implied}; the limit is ${maxPathLength}`, `shorten the repository name to ${maxPathLength} characters or fewer`);
}

function uppercase(text: string, name: string, written: string): BerthError {
  const suggestion = name.toLowerCase() + text.slice(name.length);
  const hint = parses(suggestion) ? `write it in lowercase: "${suggestion}" (tags may use uppercase)` : hints.component;
  return invalidReference(text, `repository name ${JSON.stringify(written)} must be lowercase`, hint);
}

function checkTag(text: string, tag: string): void {
  if (tag === '') throw invalidReference(text, 'the tag after ":" is empty', `write a tag after ":", or leave out the ":" to use "${defaultTag}"`);
  if (tag.length > maxTagLength) throw invalidReference(text, `the tag is ${tag.length} characters long; the limit is ${maxTagLength}`, hints.tag);
  if (!isTag(tag)) throw invalidReference(text, `tag ${JSON.stringify(tag)} is not valid`, hints.tag);
}

function checkDigest(text: string, digest: string): void {
  const problem = digestProblem(digest);
  if (problem === undefined) return;
  if (digest === '') throw invalidReference(text, 'the digest after "@" is empty', hints.digest);
  if (problem === 'missing-algorithm') throw invalidReference(text, `digest ${JSON.stringify(digest)} is not of the form ALGORITHM:HEX`, hints.digest);
  const algorithm = digest.slice(0, digest.indexOf(':'));
  if (problem === 'unsupported-algorithm') {
    throw invalidReference(text, `digest algorithm ${JSON.stringify(algorithm)} is not supported`, 'use a sha256, sha384 or sha512 digest');
  }
  throw invalidReference(text, `digest ${JSON.stringify(digest)} is not valid: ${algorithm} takes ${digestHexLength[algorithm]} lowercase hex digits`, hints.digest);
}

function parses(text: string): boolean {
  try {
    parseReference(text);
    return true;
  } catch {
    return false;
  }
}

