/**
 * An image reference after normalization, as Docker's `ParseNormalizedNamed` + `TagNameOnly`
 * produce it. Vocabulary:
 *
 * - domain: the registry host and optional port as written (`docker.io`, `localhost:5000`,
 *   `127.0.0.1:5000`, `[::1]:5000`, `ghcr.io`). Docker Hub is always `docker.io`: a name without a
 *   host and `index.docker.io/...` both land there. Where Docker Hub is served from is
 *   `registryHost`'s business, not the reference's.
 * - path: the repository inside the registry (`library/busybox`, `org/app`); one-component names on
 *   Docker Hub get `library/`.
 * - tag: `latest` when neither a tag nor a digest was written; kept as written otherwise.
 * - digest: `algorithm:hex` (`sha256:` + 64 lowercase hex digits). When both a tag and a digest are
 *   written, both are kept (`name:tag@digest` prints back the same), and the digest decides what is
 *   pulled (`manifestReference`).
 *
 * After `parseReference`, a reference has a tag, a digest, or both.
 */
export interface ImageReference {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}
