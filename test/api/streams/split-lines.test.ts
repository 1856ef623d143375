import { describe, expect, it } from 'vitest';
import { splitLines, type OutputLine } from '../../../src/api/client/multiplexed-lines.js';
import type { StdStream, StreamChunk } from '../../../src/api/client/multiplexed-stream.js';

async function* chunks(...pieces: [StdStream, string | Buffer][]): AsyncGenerator<StreamChunk> {
  for (const [stream, data] of pieces) yield { stream, data: Buffer.from(data) };
}

async function linesOf(source: AsyncIterable<StreamChunk>, maxLineBytes?: number): Promise<OutputLine[]> {
  const lines: OutputLine[] = [];
  for await (const line of splitLines(source, { maxLineBytes })) lines.push(line);
  return lines;
}

describe('splitLines', () => {
  it('keeps a line open until its newline arrives, per stream', async () => {
    const lines = await linesOf(chunks(['stdout', 'hel'], ['stderr', 'oops\n'], ['stdout', 'lo\nwor'], ['stdout', 'ld\n']));
    expect(lines).toEqual([
      { stream: 'stderr', text: 'oops', partial: false },
      { stream: 'stdout', text: 'hello', partial: false },
      { stream: 'stdout', text: 'world', partial: false },
    ]);
  });

  it('splits several lines of one chunk and drops the carriage return a TTY adds', async () => {
    const lines = await linesOf(chunks(['stdout', 'a\r\nb\n\nc\n']));
    expect(lines.map((line) => line.text)).toEqual(['a', 'b', '', 'c']);
  });

  it('yields what is left of each stream as a partial line when the source ends', async () => {
    const lines = await linesOf(chunks(['stderr', 'no newline'], ['stdout', 'tail']));
    expect(lines).toEqual([
      { stream: 'stdout', text: 'tail', partial: true },
      { stream: 'stderr', text: 'no newline', partial: true },
    ]);
  });

  it('keeps a multi-byte character that arrives cut across chunks', async () => {
    const snowman = Buffer.from('☃\n');
    const lines = await linesOf(chunks(['stdout', snowman.subarray(0, 1)], ['stdout', snowman.subarray(1)]));
    expect(lines).toEqual([{ stream: 'stdout', text: '☃', partial: false }]);
  });

  it('cuts a line longer than maxLineBytes into partial pieces', async () => {
    const lines = await linesOf(chunks(['stdout', 'abcdefg'], ['stdout', 'h\n']), 3);
    expect(lines).toEqual([
      { stream: 'stdout', text: 'abc', partial: true },
      { stream: 'stdout', text: 'def', partial: true },
      { stream: 'stdout', text: 'gh', partial: false },
    ]);
  });
});
