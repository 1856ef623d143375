import type { FileMode } from '../model/index.js';

/** A secret or config mode as compose-go prints it: octal with a leading zero. Strings are octal. */
export function formatFileMode(value: unknown): FileMode {
  const mode = typeof value === 'number' ? value : Number.parseInt(String(value), 8);
  return `0${mode.toString(8)}`;
}
