import { usageError } from '../../errors/index.js';

/** The context that always exists and is never stored: berth's own engine. */
export const defaultContextName = 'default';

// The docker CLI's rule for context names (cli/context/store), so names move between the two tools.
const contextNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** Refuses a name the docker CLI would refuse, and the reserved `default`, for a context to be created. */
export function validateNewContextName(name: string): void {
  if (name === defaultContextName) {
    throw usageError('"default" is a reserved context name: it always means berth\'s own engine', 'choose another name');
  }
  if (!contextNamePattern.test(name)) {
    throw usageError(
      `context name ${JSON.stringify(name)} is invalid`,
      'a name starts with a letter or digit, has at least two characters, and uses only letters, digits, "_", ".", "+" and "-"',
    );
  }
}
