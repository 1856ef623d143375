import { BerthError } from '../../../errors/index.js';

/** The error for text that is not an image reference: it quotes the text, says which part is wrong, and how to write it. */
export function invalidReference(text: string, problem: string, hint: string): BerthError {
  return new BerthError({
    code: 'INVALID_REFERENCE',
    kind: 'usage',
    message: `invalid image reference ${JSON.stringify(text)}: ${problem}`,
    hint,
  });
}
