import { BerthError } from '../../errors/index.js';

/** An error as the errors panel shows it: berth's own with its hint, any other by its message. */
export function errorText(error: unknown): string {
  if (error instanceof BerthError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
