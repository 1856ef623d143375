/**
 * The reference grammar of Docker's distribution/reference, piece by piece, so a parse can say
 * which piece is wrong instead of "invalid reference format":
 *
 *   reference     := name [ ":" tag ] [ "@" digest ]
 *   name          := [ domain "/" ] path
 *   domain        := host [ ":" port ]        host: DNS-like name, IPv4, or "[" IPv6 "]"
 *   path          := component [ "/" component ]*
 *   component     := [a-z0-9]+ ( separator [a-z0-9]+ )*      separator: "." | "_" | "__" | "-"+
 *   tag           := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest        := sha256:[a-f0-9]{64} | sha384:[a-f0-9]{96} | sha512:[a-f0-9]{128}
 *
 * The digest line is the reference grammar narrowed by go-digest's validation, which Docker
 * applies to every parsed digest: only registered algorithms, lowercase hex of the exact length.
 */

/** A repository path is limited to this many characters (after `library/` is added). */
export const maxPathLength = 255;

/** A tag is limited to this many characters. */
export const maxTagLength = 128;

const domainLabel = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
// Brackets hold hex digits and colons only: zone ids (`%eth0`) and dotted IPv4 tails are refused, as Docker does.
const bracketedIpv6 = '\\[[a-fA-F0-9:]+\\]';
const domainPattern = new RegExp(`^(?:${domainLabel}(?:\\.${domainLabel})*|${bracketedIpv6})(?::[0-9]+)?$`);
const componentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
// An image ID: Docker refuses it as a name so that `docker pull <id>` cannot mean a repository.
const imageIdPattern = /^[a-f0-9]{64}$/;

/** Hex digits per supported digest algorithm. */
export const digestHexLength: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export const isDomain = (text: string): boolean => domainPattern.test(text);
export const isPathComponent = (text: string): boolean => componentPattern.test(text);
export const isTag = (text: string): boolean => text.length <= maxTagLength && tagPattern.test(text);
export const isImageId = (text: string): boolean => imageIdPattern.test(text);

/**
 * Docker's rule for the first `/`-separated component: a registry host only when it has a `.` or
 * a `:`, is `localhost`, or has an uppercase letter (repository paths cannot, so Docker reads
 * `Registry/app` as a host). Everything else is the start of a Docker Hub path (`org/app`).
 */
export function looksLikeDomain(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

export type DigestProblem = 'missing-algorithm' | 'unsupported-algorithm' | 'bad-hex';

/** What is wrong with a digest, or undefined when it is one Docker accepts. */
export function digestProblem(digest: string): DigestProblem | undefined {
  const colon = digest.indexOf(':');
  if (colon <= 0) return 'missing-algorithm';
  const expected = digestHexLength[digest.slice(0, colon)];
  if (expected === undefined) return 'unsupported-algorithm';
  const hex = digest.slice(colon + 1);
  return hex.length === expected && /^[a-f0-9]+$/.test(hex) ? undefined : 'bad-hex';
}
