/** The escape sequences that give the UI a screen of its own and hand the user's back. */
const enterAlternateScreen = '\u001b[?1049h\u001b[2J\u001b[H';
const leaveAlternateScreen = '\u001b[?1049l';
const showCursor = '\u001b[?25h';
const hideCursor = '\u001b[?25l';

export interface ScreenStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/**
 * The terminal while the UI owns it: the alternate screen (so the user's scrollback is untouched
 * and comes back whole), no cursor, and raw input. `leave` undoes all three and is safe to call
 * twice; it also runs from the process's `exit` event, which Node fires after an uncaught
 * exception too, so no way out leaves the terminal broken. Signals that end the process without
 * `exit` (SIGTERM, SIGHUP) are the caller's to route to `leave`.
 */
export class Screen {
  private entered = false;
  private readonly onExit = (): void => this.leave();

  constructor(private readonly streams: ScreenStreams) {}

  enter(): void {
    if (this.entered) return;
    this.entered = true;
    process.on('exit', this.onExit);
    this.streams.stdout.write(enterAlternateScreen + hideCursor);
  }

  leave(): void {
    if (!this.entered) return;
    this.entered = false;
    process.off('exit', this.onExit);
    if (this.streams.stdin.isTTY) this.streams.stdin.setRawMode(false);
    this.streams.stdout.write(showCursor + leaveAlternateScreen);
  }
}
