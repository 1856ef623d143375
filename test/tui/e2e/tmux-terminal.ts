import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The prompt the shell shows, so a test can tell when a command has finished. */
export const prompt = 'e2e$';

export interface TmuxTerminalOptions {
  /** The shell's working directory. */
  cwd: string;
  /** More of the shell's environment. It starts from nothing (`env -i`) but PATH, HOME, TERM, LANG and PS1, so CI and the like are unset. */
  env?: Record<string, string>;
  /** Directories put in front of PATH. */
  path?: string[];
  columns?: number;
  rows?: number;
}

/** What tmux knows of the pane: whether the program switched to the alternate screen, shows the cursor, and what runs in the foreground. */
export interface PaneState {
  alternateScreen: boolean;
  cursorVisible: boolean;
  command: string;
}

/** Pause between keys: ink reads one key per chunk of input, so keys sent together would read as one. */
const keyPauseMs = 50;
const session = 'e2e';
const pollMs = 100;

/**
 * A real terminal: a detached tmux session on a server of its own (`tmux -L <unique>`, no config
 * file) running `bash --norc --noprofile` with a clean environment. Tests type into it and read
 * the screen back as text, as a user would see it.
 */
export class TmuxTerminal {
  private constructor(private readonly socket: string) {}

  static async start(options: TmuxTerminalOptions): Promise<TmuxTerminal> {
    const socket = `berth-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
    const env = {
      PATH: [...(options.path ?? []), process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(':'),
      HOME: process.env.HOME ?? '/root',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      PS1: `${prompt} `,
      ...options.env,
    };
    const terminal = new TmuxTerminal(socket);
    await terminal.tmux(
      'new-session', '-d', '-s', session, '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 30), '-c', options.cwd,
      'env', '-i', ...Object.entries(env).map(([key, value]) => `${key}=${value}`), 'bash', '--norc', '--noprofile', '+o', 'history',
    );
    try {
      await terminal.waitForPrompt();
    } catch (error) {
      await terminal.kill();
      throw error;
    }
    return terminal;
  }

  /** Sends tmux key names (`j`, `Enter`, `Down`, `Escape`, `C-c`) one at a time, with a short pause after each. */
  async sendKeys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.tmux('send-keys', '-t', session, key);
      await sleep(keyPauseMs);
    }
  }

  /** Types text one character at a time, each taken literally, as fast typing into the UI would arrive. */
  async type(text: string): Promise<void> {
    for (const character of text) {
      await this.tmux('send-keys', '-t', session, '-l', character);
      await sleep(keyPauseMs);
    }
  }

  /** Types a whole command line into the shell and presses Enter. */
  async run(command: string): Promise<void> {
    await this.tmux('send-keys', '-t', session, '-l', command);
    await this.sendKeys('Enter');
  }

  /** The visible screen as text, one line per row, without trailing spaces. */
  async capture(): Promise<string> {
    return (await this.tmux('capture-pane', '-p', '-t', session)).replace(/\n+$/, '\n');
  }

  /** Polls the screen every 100 ms until it shows `pattern`; returns the screen. Fails with the last screen after `timeoutMs`. */
  async waitFor(pattern: string | RegExp, timeoutMs = 15_000): Promise<string> {
    return this.waitForScreen((screen) => (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)), String(pattern), timeoutMs);
  }

  /** Waits until the shell is in the foreground again and its prompt is the last line; returns the screen. */
  async waitForPrompt(timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [state, screen] = await Promise.all([this.pane(), this.capture()]);
      const last = screen.trimEnd().split('\n').at(-1) ?? '';
      if (state.command === 'bash' && last.trimEnd() === prompt) return screen;
      if (Date.now() > deadline) throw new Error(`the shell prompt did not come back within ${timeoutMs} ms (foreground: ${state.command}); the screen:\n${screen}`);
      await sleep(pollMs);
    }
  }

  async pane(): Promise<PaneState> {
    const [alternate, cursor, command] = (await this.tmux('display-message', '-p', '-t', session, '#{alternate_on} #{cursor_flag} #{pane_current_command}')).trim().split(' ');
    return { alternateScreen: alternate === '1', cursorVisible: cursor === '1', command: command ?? '' };
  }

  /** The processes the shell runs (its children): the command in the foreground. */
  async shellChildren(): Promise<number[]> {
    const shell = Number((await this.tmux('display-message', '-p', '-t', session, '#{pane_pid}')).trim());
    return childrenOf(shell);
  }

  /**
   * Ends the session and its server (the shell and what it runs get a hangup) and removes the
   * server's socket; whatever of it still runs 5 s later is killed.
   */
  async kill(): Promise<void> {
    const described = await this.tmux('display-message', '-p', '-t', session, '#{pid} #{pane_pid} #{socket_path}').catch(() => '');
    const [server, shell, socketPath] = described.trim().split(' ');
    const started = [Number(server), Number(shell), ...(shell ? await descendantsOf(Number(shell)) : [])].filter((pid) => pid > 0);
    await this.tmux('kill-server').catch(() => undefined);
    const deadline = Date.now() + 5_000;
    while (started.some(alive) && Date.now() < deadline) await sleep(pollMs);
    for (const pid of started.filter(alive)) process.kill(pid, 'SIGKILL');
    if (socketPath) rmSync(socketPath, { force: true });
  }

  private async waitForScreen(done: (screen: string) => boolean, what: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.capture();
      if (done(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal did not show ${what} within ${timeoutMs} ms; the screen:\n${screen}`);
      await sleep(pollMs);
    }
  }

  private async tmux(...args: string[]): Promise<string> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TMUX')));
    const { stdout } = await run('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { env, encoding: 'utf8' });
    return stdout;
  }
}

async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).map(Number);
}

async function descendantsOf(pid: number): Promise<number[]> {
  const children = await childrenOf(pid);
  return [...children, ...(await Promise.all(children.map(descendantsOf))).flat()];
}

/** Whether the process still runs: a zombie (exited, not yet reaped) does not. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
