import { BerthError, type BerthErrorOptions } from '../../errors/index.js';
import { describeFailure, type FailureContext } from './command-error.js';
import { runCommand, succeeded } from './run-command.js';

/**
 * Where an `ip -batch` runs: in berth's own network namespace (the host's), inside an existing
 * namespace file (`nsenter --net=FILE ip ...`), or inside a namespace made for it on the spot
 * (`unshare --net=FILE ip ...`: util-linux creates the namespace, bind-mounts it on FILE, then
 * runs ip in it, so a container's namespace and its first changes cost one child process).
 * `ip -netns` would want a name under /run/netns, and berth keeps its namespaces elsewhere.
 */
export type BatchPlace = 'host' | { enter: string } | { create: string };

/** A failed batch, saying which line failed (0-based), so the caller knows what had been done. */
export class IpBatchError extends BerthError {
  readonly failedLine: number | undefined;

  constructor(options: BerthErrorOptions, failedLine: number | undefined) {
    super(options);
    this.failedLine = failedLine;
  }
}

/**
 * Runs `lines` (each made by batchLine) as one `ip -batch -`: many changes, one process. ip stops
 * at the first failing line and exits non-zero; the error quotes that line. With `force`, ip
 * carries on past failures (for deletions where a link already gone is fine) and the caller
 * checks what is left.
 */
export async function ipBatch(lines: readonly string[], place: BatchPlace, failure: FailureContext, options: { force?: boolean } = {}): Promise<void> {
  if (lines.length === 0) return;
  const ip = ['ip', ...(options.force ? ['-force'] : []), '-batch', '-'];
  const argv = place === 'host' ? ip : 'enter' in place ? ['nsenter', `--net=${place.enter}`, ...ip] : ['unshare', `--net=${place.create}`, ...ip];
  const [file, ...args] = argv as [string, ...string[]];
  const result = await runCommand(file, args, `${lines.join('\n')}\n`);
  if (succeeded(result)) return;
  // ip names the failed line as `Command failed -:N`.
  const failedAt = /Command failed -:(\d+)/.exec(result.stderr)?.[1];
  const failedLine = failedAt === undefined ? undefined : Number(failedAt) - 1;
  const line = failedLine === undefined ? undefined : lines[failedLine];
  const stderr = result.stderr.replace(/^Command failed -:\d+\n?/gm, '');
  const kind = failure.kind ?? (/File exists/.test(stderr) ? 'conflict' : 'internal');
  throw new IpBatchError(describeFailure(file, { ...result, stderr }, { ...failure, kind }, line === undefined ? undefined : `\`ip ${line}\``), failedLine);
}

/**
 * One line of an `ip -batch` script from its words. ip splits lines on blanks and honours double
 * quotes, and cuts a line at `#` wherever it stands, so a word with blanks is quoted and a word
 * ip cannot be given safely (a quote, a backslash, `#`, a line break, nothing at all) is refused.
 */
export function batchLine(...words: (string | number)[]): string {
  return words
    .map((word) => {
      const text = String(word);
      if (text === '' || /["\\#\n\r\0]/.test(text)) {
        throw new BerthError({
          code: 'NETWORK_BAD_ARGUMENT',
          kind: 'internal',
          message: `cannot pass ${JSON.stringify(text)} to ip: it is empty or has a quote, backslash, # or line break`,
          hint: 'this is a bug in berth (names and paths are checked before they reach ip), or the run directory has such a character in its path: move it',
        });
      }
      return /\s/.test(text) ? `"${text}"` : text;
    })
    .join(' ');
}
