import { randomInt } from 'node:crypto';
import { BerthError } from '../../../errors/index.js';

/** Docker's rule: an optional leading slash, a letter or digit, then at least one more of these. */
const validName = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A container name as Docker stores and shows it, with its leading slash: `web-1` → `/web-1`. */
export function canonicalName(name: string): string {
  if (!validName.test(name)) {
    throw new BerthError({
      code: 'CONTAINER_NAME_INVALID',
      kind: 'usage',
      message: `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      hint: 'a name has two characters or more: a letter or digit, then letters, digits, _ . or -',
    });
  }
  return name.startsWith('/') ? name : `/${name}`;
}

export function nameConflict(name: string, holder: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_NAME_CONFLICT',
    kind: 'conflict',
    message: `Conflict. The container name "${name}" is already in use by container "${holder}". You have to remove (or rename) that container to be able to reuse that name.`,
    hint: `remove that container (docker rm ${holder.slice(0, 12)}) or choose another name`,
  });
}

// Names for containers created without one, in Docker's adjective_surname form. The surnames are
// of scientists and engineers, as Docker's are; the lists are berth's own.
const adjectives = [
  'agile', 'amazing', 'bold', 'brave', 'bright', 'calm', 'careful', 'cheerful', 'clever', 'cool', 'curious',
  'daring', 'eager', 'earnest', 'elated', 'epic', 'fervent', 'festive', 'focused', 'friendly', 'gallant',
  'gentle', 'happy', 'hopeful', 'humble', 'jolly', 'keen', 'kind', 'lively', 'loving', 'lucid', 'merry',
  'modest', 'nifty', 'noble', 'patient', 'peaceful', 'plucky', 'quick', 'quiet', 'relaxed', 'serene',
  'sharp', 'steady', 'sunny', 'tender', 'trusting', 'upbeat', 'vibrant', 'vigilant', 'warm', 'wise', 'witty', 'zealous',
];
const surnames = [
  'agnesi', 'archimedes', 'babbage', 'banach', 'bartik', 'bell', 'blackwell', 'bohr', 'boole', 'borg',
  'cannon', 'carson', 'cerf', 'curie', 'darwin', 'dijkstra', 'einstein', 'euclid', 'euler', 'faraday',
  'fermat', 'fermi', 'feynman', 'franklin', 'galileo', 'gauss', 'germain', 'goldberg', 'goodall', 'hamilton',
  'hawking', 'hertz', 'hodgkin', 'hopper', 'hypatia', 'jackson', 'johnson', 'kepler', 'knuth', 'kowalevski',
  'lamarr', 'leakey', 'leavitt', 'lovelace', 'maxwell', 'mcclintock', 'meitner', 'mendel', 'mirzakhani',
  'newton', 'noether', 'pascal', 'pasteur', 'perlman', 'planck', 'ramanujan', 'ritchie', 'shannon', 'sinoussi',
  'thompson', 'torvalds', 'turing', 'wiles', 'wilson', 'wing', 'wu', 'yalow', 'yonath',
];

/**
 * `adjective_surname`, with a digit added on retries (Docker's GetRandomName): the first attempt
 * is 0, and a name taken on attempt n is tried again as attempt n + 1.
 */
export function randomName(attempt: number): string {
  const name = `${adjectives[randomInt(adjectives.length)]}_${surnames[randomInt(surnames.length)]}`;
  return attempt > 0 ? `${name}${randomInt(10)}` : name;
}
