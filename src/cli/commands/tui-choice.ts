import { runningInCi, type Environment } from '../output/terminal.js';

/**
 * Whether `berth up` opens the terminal UI: only when both stdin and stdout are a terminal, not
 * under CI, and neither --no-tui nor BERTH_TUI=0 says otherwise. Anywhere else Compose's plain
 * output is the better fit (pipes, logs files, CI logs).
 */
export function tuiWanted(flag: boolean, env: Environment, streams: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } }): boolean {
  if (!flag || env.BERTH_TUI === '0' || env.BERTH_TUI === 'false') return false;
  return streams.stdin.isTTY === true && streams.stdout.isTTY === true && !runningInCi(env) && env.TERM !== 'dumb';
}
