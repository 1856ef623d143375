import type { StdioSession } from '../../api/index.js';

/**
 * The user's side of an attached process (`exec`, and `run` in the foreground): our stdin goes to
 * the process, its output to our stdout and stderr, and with a TTY our terminal is in raw mode
 * (keys, Ctrl-C included, go to the process as typed) and follows the window's size.
 */
export interface LocalStdio {
  /** What the user types or pipes in; it ends when our stdin does, or at release(). */
  readonly input: AsyncIterable<Buffer>;
  /** Stops reading stdin and puts the terminal back as it was. Safe to call twice. */
  release(): void;
}

/**
 * Whether `exec` or `run` gets a TTY when the user neither asked for one (-t) nor refused one (-T).
 * Compose looks at stdout only; berth wants stdin to be a terminal too, since a TTY fed from a pipe
 * mangles the piped bytes (the docker CLI refuses it: "the input device is not a TTY").
 */
export function wantsTty(choice: boolean | undefined): boolean {
  return choice ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
}

/** Past this many unsent chunks, stdin is paused until the process takes them. */
const maxQueuedChunks = 16;

export function takeLocalStdio(options: { tty: boolean }, stdin: NodeJS.ReadStream = process.stdin): LocalStdio {
  const raw = options.tty && stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  const queue: Buffer[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const onData = (chunk: Buffer | string): void => {
    queue.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (queue.length >= maxQueuedChunks) stdin.pause();
    notify();
  };
  const onEnd = (): void => {
    ended = true;
    notify();
  };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.on('error', onEnd);

  async function* chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        if (queue.length < maxQueuedChunks && !ended) stdin.resume();
        yield next;
      } else if (ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  }

  let released = false;
  return {
    input: chunks(),
    release: () => {
      if (released) return;
      released = true;
      ended = true;
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onEnd);
      // A paused stdin no longer keeps the process alive once the command is done.
      stdin.pause();
      if (raw) stdin.setRawMode(false);
      notify();
    },
  };
}

/** Writes the process's output to ours until it ends, waiting for our side to drain as needed. */
export async function copyOutput(session: StdioSession, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<void> {
  for await (const chunk of session.output) {
    const target = chunk.stream === 'stderr' ? stderr : stdout;
    if (!target.write(chunk.data)) await new Promise<void>((resolve) => target.once('drain', resolve));
  }
}

/**
 * Keeps the remote TTY the size of our terminal: now, and whenever the window changes. The first
 * resize can come before the engine has the process running, so it is tried a few times, as the
 * docker CLI does. Returns the function that stops following.
 */
export function followTerminalSize(resize: (size: { rows: number; columns: number }) => Promise<void>, stdout: NodeJS.WriteStream = process.stdout): () => void {
  if (!stdout.isTTY) return () => undefined;
  const current = (): { rows: number; columns: number } => ({ rows: stdout.rows, columns: stdout.columns });
  const onResize = (): void => void resize(current()).catch(() => undefined);
  void resizeWithRetries(() => resize(current()));
  stdout.on('resize', onResize);
  return () => stdout.off('resize', onResize);
}

async function resizeWithRetries(attempt: () => Promise<void>): Promise<void> {
  for (let tries = 0; tries < 10; tries += 1) {
    try {
      await attempt();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** tries).unref());
    }
  }
}
