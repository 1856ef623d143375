import { randomBytes } from 'node:crypto';
import { BerthError } from '../../errors/index.js';

/** Docker's rule for local volume names: a letter or digit, then at least one more of these. */
const validVolumeName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Refuses a name the local driver would refuse, with Docker's own text (400). The name becomes a
 * directory under the state directory, so the rule is also what keeps `/` and `..` out of it.
 */
export function checkVolumeName(name: string): void {
  if (name.length === 1) {
    throw new BerthError({
      code: 'VOLUME_NAME_INVALID',
      kind: 'usage',
      message: `create ${name}: volume name is too short, names should be at least two alphanumeric characters`,
      hint: 'give the volume a name of two characters or more',
    });
  }
  if (!validVolumeName.test(name)) {
    throw new BerthError({
      code: 'VOLUME_NAME_INVALID',
      kind: 'usage',
      message: `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      hint: 'a volume name starts with a letter or digit and goes on with letters, digits, _ . or -; a bind mount source is an absolute path',
    });
  }
}

export function isValidVolumeName(name: string): boolean {
  return validVolumeName.test(name);
}

/** An anonymous volume's name: 64 random hex digits, as Docker names them. */
export function anonymousVolumeName(): string {
  return randomBytes(32).toString('hex');
}
