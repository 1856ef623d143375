import { familiarReference, type ImageReference } from '../../../../runtime/images/index.js';

/**
 * `name` with `tag` put on it, as the API's `fromImage`+`tag`, `repo`+`tag` pairs mean: the tag
 * replaces any tag or digest the name has (dockerd's `WithTag(TrimNamed(ref), tag)`), and a tag
 * that is a digest (`sha256:...`) makes `name@digest`. Without a tag the name stays as written.
 */
export function withTag(name: string, tag: string | undefined): string {
  if (!tag) return name;
  const bare = withoutTag(name);
  return tag.includes(':') ? `${bare}@${tag}` : `${bare}:${tag}`;
}

/** Whether the name carries its own tag or digest (`busybox:1`, `busybox@sha256:...`); a `:` before the last `/` is a port. */
export function hasTagOrDigest(name: string): boolean {
  return name !== withoutTag(name);
}

function withoutTag(name: string): string {
  const at = name.indexOf('@');
  const named = at === -1 ? name : name.slice(0, at);
  const colon = named.lastIndexOf(':');
  return colon > named.lastIndexOf('/') ? named.slice(0, colon) : named;
}

/** Docker's FamiliarName: `busybox`, `org/app`, `127.0.0.1:5000/app`. */
export function familiarName(reference: ImageReference): string {
  return familiarReference({ domain: reference.domain, path: reference.path });
}

/** Docker's FamiliarString: the familiar name with its digest, or with its tag (`latest` spelled out). */
export function familiarString(reference: ImageReference): string {
  return reference.digest !== undefined ? `${familiarName(reference)}@${reference.digest}` : `${familiarName(reference)}:${reference.tag ?? 'latest'}`;
}
