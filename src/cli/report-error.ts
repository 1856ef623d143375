import { BerthError, exitCodeFor } from '../errors/index.js';

/**
 * Prints an error the way a user should see it, and returns the exit code. berth's own errors
 * carry their message and hint; anything else is a bug, shown with its stack only on request.
 */
export function reportError(error: unknown, stream: NodeJS.WritableStream): number {
  if (error instanceof BerthError) {
    stream.write(`berth: ${error.describe()}\n`);
    return exitCodeFor(error.kind);
  }
  const detail = error instanceof Error ? (process.env.BERTH_DEBUG ? error.stack : error.message) : String(error);
  stream.write(`berth: internal error: ${detail}\n  hint: this is a bug in berth; run again with BERTH_DEBUG=1 and report the output\n`);
  return 1;
}
