import type { BerthErrorOptions, ErrorKind } from '../../errors/index.js';
import { describeExit, lastLines } from '../../runtime/tools/index.js';
import type { CommandResult } from './run-command.js';

/** The Debian package each host tool comes from, for the hint when one is missing. */
const packageOf: Record<string, string> = {
  ip: 'iproute2',
  unshare: 'util-linux',
  nsenter: 'util-linux',
  mount: 'mount',
  umount: 'mount',
};

export interface FailureContext {
  /** A stable code: NETWORK_BRIDGE_FAILED, NETWORK_ENDPOINT_FAILED... */
  code: string;
  /** What berth was doing, naming the object: `cannot create bridge br-0123456789ab`. */
  action: string;
  /** The fix, when the tool ran and said no. */
  hint: string;
  /** The kind when the tool ran and failed; `internal` unless the caller knows better. */
  kind?: ErrorKind;
}

/**
 * The error for a host tool that failed: what berth was doing, how the tool ended, its last
 * words (and `detail`, such as the batch line that failed). A tool that is not installed is
 * `unavailable` and names its Debian package.
 */
export function describeFailure(tool: string, result: CommandResult, context: FailureContext, detail?: string): BerthErrorOptions {
  const missing = result.exit.spawnError?.code === 'ENOENT';
  const said = lastLines(result.stderr);
  const debianPackage = packageOf[tool] ?? tool;
  return {
    code: context.code,
    kind: missing ? 'unavailable' : (context.kind ?? 'internal'),
    message: `${context.action}: ${describeExit(tool, result.exit)}${detail ? ` at ${detail}` : ''}${said ? `: ${said}` : ''}`,
    hint: missing ? `install Debian's ${debianPackage} (\`apt-get install ${debianPackage}\`)` : context.hint,
  };
}
