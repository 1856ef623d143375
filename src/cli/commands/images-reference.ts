/**
 * The REPOSITORY and TAG columns of `images` for the reference a container was created from, as
 * Docker shows references: `busybox` and `latest` for `docker.io/library/busybox`, `localhost:5000/app`
 * and `1` for `localhost:5000/app:1`; no tag for a digest reference; nothing for an image id.
 */
export function repositoryAndTag(reference: string): { repository: string; tag: string } {
  if (/^(sha256:)?[0-9a-f]{64}$/.test(reference)) return { repository: '', tag: '' };
  const at = reference.indexOf('@');
  const named = at >= 0 ? reference.slice(0, at) : reference;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const name = hasTag ? named.slice(0, colon) : named;
  const tag = at >= 0 ? '' : hasTag ? named.slice(colon + 1) : 'latest';
  return { repository: familiarName(name), tag };
}

/** `docker.io/library/busybox` → `busybox`, `docker.io/user/app` → `user/app`; other registries stay. */
function familiarName(name: string): string {
  const dockerHub = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//.exec(name);
  if (!dockerHub) return name;
  const path = name.slice(dockerHub[0].length);
  return path.startsWith('library/') && !path.slice('library/'.length).includes('/') ? path.slice('library/'.length) : path;
}
