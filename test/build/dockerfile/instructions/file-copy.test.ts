import { describe, expect, it } from 'vitest';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

describe('COPY and ADD', () => {
  it('read sources and the destination of the shell form as blank-separated words', () => {
    expect(parsedAfterFrom('COPY package.json  yarn.lock\t./')).toEqual({
      keyword: 'COPY',
      sources: [
        { kind: 'path', path: 'package.json' },
        { kind: 'path', path: 'yarn.lock' },
      ],
      destination: './',
      link: false,
    });
  });

  it('read the JSON form, which keeps blanks in paths', () => {
    expect(parsedAfterFrom('ADD ["my file.txt", "/app/my dir/"]')).toEqual({ keyword: 'ADD', sources: [{ kind: 'path', path: 'my file.txt' }], destination: '/app/my dir/', link: false });
  });

  it('keep quotes and variables of the shell form for expansion', () => {
    expect(parsedAfterFrom('COPY $SRC "${DEST}"')).toMatchObject({ sources: [{ kind: 'path', path: '$SRC' }], destination: '"${DEST}"' });
  });

  it('read ADD with a URL and its flags', () => {
    expect(parsedAfterFrom('ADD --chown=app --chmod=644 --link https://example.com/a.tar.gz /opt/')).toEqual({
      keyword: 'ADD',
      sources: [{ kind: 'path', path: 'https://example.com/a.tar.gz' }],
      destination: '/opt/',
      chown: 'app',
      chmod: '644',
      link: true,
    });
  });

  it('read heredoc sources as inline files, in order among paths', () => {
    expect(parsedAfterFrom('COPY <<one.txt a.txt <<-two.txt /dest/\nfirst\none.txt\n\tsecond\n\ttwo.txt')).toEqual({
      keyword: 'COPY',
      sources: [
        { kind: 'heredoc', name: 'one.txt', content: 'first\n', expand: true },
        { kind: 'path', path: 'a.txt' },
        { kind: 'heredoc', name: 'two.txt', content: 'second\n', expand: true },
      ],
      destination: '/dest/',
      link: false,
    });
  });

  it('read heredoc sources on ADD too', () => {
    expect(parsedAfterFrom('ADD --chmod=755 <<"run.sh" /usr/local/bin/\n#!/bin/sh\nexec "$@"\nrun.sh')).toEqual({
      keyword: 'ADD',
      sources: [{ kind: 'heredoc', name: 'run.sh', content: '#!/bin/sh\nexec "$@"\n', expand: false }],
      destination: '/usr/local/bin/',
      chmod: '755',
      link: false,
    });
  });

  it('keep quotes in a heredoc body and note a quoted terminator', () => {
    expect(parsedAfterFrom("COPY <<'EOF' /quotes\n\"foo\" 'bar' $X\nEOF")).toMatchObject({ sources: [{ kind: 'heredoc', name: 'EOF', content: "\"foo\" 'bar' $X\n", expand: false }] });
  });

  it('read a heredoc written with a blank after <<', () => {
    expect(parsedAfterFrom('COPY << EOF /dest\nx\nEOF')).toMatchObject({ sources: [{ kind: 'heredoc', name: 'EOF', content: 'x\n' }], destination: '/dest' });
  });

  it('reject a single argument', () => {
    const error = parseError('FROM alpine\nCOPY app.js\n');
    expect(error.message).toBe('Dockerfile:2: COPY requires at least two arguments, but only one was provided. Destination could not be determined');
    expect(error.hint).toBe('write COPY <source>... <destination>');
    expect(parseError('FROM alpine\nADD\n').message).toBe('Dockerfile:2: ADD requires at least two arguments, but only one was provided. Destination could not be determined');
  });

  it('reject a heredoc as the destination', () => {
    expect(parseError('FROM alpine\nCOPY a <<EOF\nx\nEOF\n').message).toBe('Dockerfile:2: COPY cannot accept a heredoc as a destination');
  });
});
