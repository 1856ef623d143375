import { BerthError } from './berth-error.js';

/** An error as one block of text (the TUI's errors panel, watch's failures): berth's own with its hint, any other by its message. */
export function errorText(error: unknown): string {
  if (error instanceof BerthError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
