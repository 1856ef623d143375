import { DockerfileError } from '../dockerfile-error.js';
import { trimLeadingSpace } from './characters.js';

/**
 * The exec form's arguments when `rest` is a JSON array of strings; `undefined` when it is not
 * valid JSON, which makes it the shell form (as Docker reads `RUN [ -f x ] && y`). A JSON array
 * holding anything but strings is an error.
 */
export function jsonArrayOf(rest: string): string[] | undefined {
  if (!trimLeadingSpace(rest).startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  if (!parsed.every((item): item is string => typeof item === 'string')) {
    throw new DockerfileError({
      code: 'DOCKERFILE_SYNTAX',
      detail: 'when using JSON array syntax, arrays must be comprised of strings only',
      hint: 'quote every element, as in ["sleep", "10"]',
    });
  }
  return parsed;
}
