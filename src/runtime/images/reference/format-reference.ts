import { dockerHubDomain, officialNamespace } from './docker-hub.js';
import type { ImageReference } from './image-reference.js';

/** `docker.io/library/busybox`: the repository with its registry, without tag or digest. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The full written form: `docker.io/library/busybox:latest`, `ghcr.io/org/app:1@sha256:...`. */
export function formatReference(ref: ImageReference): string {
  return repositoryName(ref) + suffix(ref.tag, ref.digest);
}

/**
 * The short form Docker shows: Docker Hub's domain and the `library/` of official images dropped
 * (`busybox`, `org/app:1`, `localhost:5000/app:1`), and the implied `:latest` left out. A `latest`
 * written beside a digest stays, so parsing the familiar form gives back the same reference.
 */
export function familiarReference(ref: ImageReference): string {
  const tag = ref.tag === 'latest' && ref.digest === undefined ? undefined : ref.tag;
  return familiarName(ref) + suffix(tag, ref.digest);
}

/**
 * What to ask the registry for in `/v2/<path>/manifests/<reference>`: the digest when there is one
 * (it wins over a tag, as Docker's `ParseDockerRef` has it), the tag otherwise.
 */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

function familiarName(ref: ImageReference): string {
  if (ref.domain !== dockerHubDomain) return repositoryName(ref);
  const official = ref.path.startsWith(officialNamespace) ? ref.path.slice(officialNamespace.length) : undefined;
  // `library/a/b` is not an official image's name: only a single component after `library/` shortens.
  return official !== undefined && !official.includes('/') ? official : ref.path;
}

function suffix(tag: string | undefined, digest: string | undefined): string {
  return (tag === undefined ? '' : `:${tag}`) + (digest === undefined ? '' : `@${digest}`);
}
