import type { ImageReference } from '../../../../src/runtime/images/reference/index.js';

/**
 * Docker's decision, step by step as distribution/reference takes it: `splitDockerDomain`, the
 * lowercase check of `ParseNormalizedNamed`, the whole-reference regular expression of `Parse`,
 * the 255-character path limit, go-digest's validation, then `TagNameOnly`. Built from one
 * regular expression, unlike the parser under test, so the two can disagree.
 * 'no-registry' is Docker's quirk of accepting `foo_bar.com/app` with an empty domain.
 */
export type DockerVerdict = ImageReference | 'refused' | 'no-registry';

const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const remoteName = `${component}(?:/${component})*`;
const label = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainAndPort = `(?:${label}(?:\\.${label})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const referenceRegexp = new RegExp(`^((?:${domainAndPort}/)?${remoteName})(?::(${tag}))?(?:@(${digest}))?$`);
const nameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const goDigest = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

export function dockerVerdict(text: string): DockerVerdict {
  if (/^[a-f0-9]{64}$/.test(text)) return 'refused';
  const [domain, remainder] = splitDockerDomain(text);
  const colon = remainder.indexOf(':');
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remote !== remote.toLowerCase()) return 'refused';

  const match = referenceRegexp.exec(`${domain}/${remainder}`);
  if (!match) return 'refused';
  const name = nameRegexp.exec(match[1] ?? '');
  const parsedDomain = name?.[1] ?? '';
  const path = name?.[2] ?? '';
  if (parsedDomain === '') return 'no-registry';
  if (path.length > 255) return 'refused';
  const [, , parsedTag, parsedDigest] = match;
  if (parsedDigest !== undefined && !goDigest.test(parsedDigest)) return 'refused';

  if (parsedDigest === undefined) return { domain: parsedDomain, path, tag: parsedTag ?? 'latest' };
  return parsedTag === undefined ? { domain: parsedDomain, path, digest: parsedDigest } : { domain: parsedDomain, path, tag: parsedTag, digest: parsedDigest };
}

function splitDockerDomain(text: string): [string, string] {
  const slash = text.indexOf('/');
  if (slash === -1) return ['docker.io', `library/${text}`];
  const first = text.slice(0, slash);
  let domain = 'docker.io';
  let remainder = text;
  if (first === 'localhost' || /[.:]/.test(first) || first !== first.toLowerCase()) {
    domain = first === 'index.docker.io' ? 'docker.io' : first;
    remainder = text.slice(slash + 1);
  }
  return [domain, domain === 'docker.io' && !remainder.includes('/') ? `library/${remainder}` : remainder];
}
