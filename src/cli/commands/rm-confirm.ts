import { createInterface } from 'node:readline';

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

/**
 * Asks before `rm` removes containers, as Docker Compose does: on a terminal the question waits
 * for an answer (no by default); from a pipe the message is printed and one line is read, and
 * only a yes (`y`, `yes`, `true`, `1`) removes, so a script without input removes nothing.
 */
export async function confirmRemoval(names: readonly string[], streams: PromptStreams = { input: process.stdin, output: process.stdout }): Promise<boolean> {
  const message = `Going to remove ${names.join(', ')}`;
  streams.output.write(streams.input.isTTY ? `${message}\nAre you sure? [yN] ` : `${message}\n`);
  const answer = await readOneLine(streams.input);
  return /^(y|yes|t|true|1)$/i.test(answer.trim());
}

function readOneLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      resolve(line);
      lines.close();
    });
    lines.once('close', () => {
      if (!answered) resolve('');
    });
  });
}
