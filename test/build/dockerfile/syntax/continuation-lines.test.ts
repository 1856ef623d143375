import { describe, expect, it } from 'vitest';
import { fieldAfterFrom, instructionsAfterFrom } from '../parse-helpers.js';

const commandOf = (body: string): unknown => fieldAfterFrom(body, 'command');

describe('line continuations', () => {
  it('joins a line ending in a backslash with the next, keeping the next line’s indentation', () => {
    expect(commandOf('RUN apt-get update && \\\n    apt-get install -y curl')).toEqual({ form: 'shell', command: 'apt-get update &&     apt-get install -y curl' });
  });

  it('joins across blanks after the backslash', () => {
    expect(commandOf('RUN echo a \\  \t\n b')).toEqual({ form: 'shell', command: 'echo a  b' });
  });

  it('skips comment lines inside a continued instruction, even indented ones', () => {
    expect(commandOf('RUN echo a \\\n# first\n   # second\n  && echo b')).toEqual({ form: 'shell', command: 'echo a   && echo b' });
  });

  it('skips empty lines inside a continued instruction', () => {
    const [run, user] = instructionsAfterFrom('RUN echo a \\\n\n   \n  b\nUSER app');
    expect(run).toMatchObject({ command: { form: 'shell', command: 'echo a   b' }, startLine: 2, endLine: 5 });
    expect(user).toMatchObject({ startLine: 6 });
  });

  it('does not continue a line ending in an escaped backslash', () => {
    const [run, user] = instructionsAfterFrom('RUN echo \\\\\nUSER app');
    expect(run).toMatchObject({ command: { form: 'shell', command: 'echo \\\\' } });
    expect(user).toMatchObject({ keyword: 'USER' });
  });

  it('continues from a line holding only the escape character', () => {
    expect(commandOf('RUN echo a \\\n\\\n b')).toEqual({ form: 'shell', command: 'echo a  b' });
  });

  it('ends the instruction at the end of the file when the last line continues', () => {
    expect(commandOf('RUN echo a \\')).toEqual({ form: 'shell', command: 'echo a' });
  });

  it('keeps a # after the start of a line as part of the instruction', () => {
    expect(commandOf('RUN echo hi # not a comment')).toEqual({ form: 'shell', command: 'echo hi # not a comment' });
  });

  it('skips comment lines, indented comments and blank lines between instructions', () => {
    expect(instructionsAfterFrom('  # indented comment\n\n\t\nUSER app').map((instruction) => instruction.keyword)).toEqual(['USER']);
  });
});
