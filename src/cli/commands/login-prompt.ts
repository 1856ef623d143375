import { createInterface } from 'node:readline/promises';

/** Asks for one line on the terminal, echoed as typed. */
export async function promptLine(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await lines.question(question);
  } finally {
    lines.close();
  }
}

/**
 * Asks for a secret on the terminal without echoing it: the terminal goes to raw mode, so each
 * key arrives here and none is printed. Enter ends the answer, Backspace takes back a character,
 * Ctrl-D on an empty answer ends it, and Ctrl-C restores the terminal and then interrupts the
 * process as it would have with echo on.
 */
export function promptSecret(question: string): Promise<string> {
  const input = process.stdin;
  // Raw before the question shows: a key typed as soon as it appears must not be echoed.
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  process.stdout.write(question);
  return new Promise((resolve) => {
    let answer = '';
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const key of chunk) {
        if (key === '\u0003') {
          finish();
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (key === '\r' || key === '\n' || (key === '\u0004' && answer === '')) {
          finish();
          resolve(answer);
          return;
        }
        if (key === '\u007f' || key === '\b') answer = [...answer].slice(0, -1).join('');
        else if (key >= ' ') answer += key;
      }
    };
    input.on('data', onData);
  });
}
