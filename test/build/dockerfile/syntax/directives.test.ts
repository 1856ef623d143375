import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../../src/build/dockerfile/index.js';
import { parseError } from '../parse-helpers.js';

const directivesOf = (text: string) => parseDockerfile(text).directives;

describe('parser directives', () => {
  it('reads syntax, escape and check from the top of the file, in any case and spacing', () => {
    expect(directivesOf('# syntax=docker/dockerfile:1.7\n#ESCAPE = `\n#  check=skip=JSONArgsRecommended;error=true\nFROM alpine\n')).toEqual({
      syntax: 'docker/dockerfile:1.7',
      escape: '`',
      check: 'skip=JSONArgsRecommended;error=true',
    });
  });

  it('defaults the escape character to a backslash', () => {
    expect(directivesOf('FROM alpine\n')).toEqual({ escape: '\\' });
  });

  it('stops at the first instruction: a directive after it is a comment', () => {
    expect(directivesOf('FROM alpine\n# escape=`\nRUN echo \\\n  hi\n')).toEqual({ escape: '\\' });
  });

  it('stops at a blank line', () => {
    expect(directivesOf('\n# escape=`\nFROM alpine\n')).toEqual({ escape: '\\' });
  });

  it('stops at a plain comment', () => {
    expect(directivesOf('# my image\n# escape=`\nFROM alpine\n')).toEqual({ escape: '\\' });
  });

  it('treats an unknown directive as a comment that also ends the directives', () => {
    expect(directivesOf('# unknowndirective=value\n# escape=`\nFROM alpine\n')).toEqual({ escape: '\\' });
  });

  it('skips a directive without a value as a plain comment', () => {
    expect(directivesOf('# escape=\nFROM alpine\n')).toEqual({ escape: '\\' });
  });

  it('rejects a directive given twice, naming its second line', () => {
    const error = parseError('# escape=`\n# escape=\\\nFROM alpine\n');
    expect(error.message).toBe('Dockerfile:2: only one escape parser directive can be used');
    expect(error.hint).toBe('keep one "# escape=" line');
  });

  it('rejects two syntax directives even when written in different cases', () => {
    expect(parseError('# syntax=a\n# SYNTAX=b\nFROM alpine\n').message).toBe('Dockerfile:2: only one syntax parser directive can be used');
  });

  it('rejects an escape character other than backslash or backtick', () => {
    const error = parseError('# escape=x\nFROM alpine\n');
    expect(error.message).toBe("Dockerfile:1: invalid escape token 'x' does not match ` or \\");
    expect(error.hint).toBe('write "# escape=\\" or "# escape=`"');
  });
});

describe('the backtick escape character', () => {
  it('continues lines with a backtick and leaves backslashes alone, as Windows paths need', () => {
    const dockerfile = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir c:\\ `\n    /b\n');
    const [copy, run] = dockerfile.stages[0]!.instructions;
    expect(copy).toMatchObject({ destination: 'c:\\' });
    expect(run).toMatchObject({ command: { form: 'shell', command: 'dir c:\\     /b' }, startLine: 4, endLine: 5 });
  });
});
