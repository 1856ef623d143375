import { describe, expect, it } from 'vitest';
import { fieldAfterFrom, parseError } from '../parse-helpers.js';

const commandOf = (body: string): unknown => fieldAfterFrom(body, 'command');

describe('the exec (JSON) form and the shell form', () => {
  it('reads a JSON array of strings as the exec form', () => {
    expect(commandOf('CMD ["nginx", "-g", "daemon off;"]')).toEqual({ form: 'exec', args: ['nginx', '-g', 'daemon off;'] });
    expect(commandOf('ENTRYPOINT   [ "/bin/tini" , "--" ]  ')).toEqual({ form: 'exec', args: ['/bin/tini', '--'] });
  });

  it('reads JSON escapes in the exec form', () => {
    expect(commandOf('RUN ["echo", "a\\"b", "c:\\\\path", "\\u00e9"]')).toEqual({ form: 'exec', args: ['echo', 'a"b', 'c:\\path', 'é'] });
  });

  it('reads an empty JSON array as the exec form with no arguments', () => {
    expect(commandOf('CMD []')).toEqual({ form: 'exec', args: [] });
  });

  it('reads text that looks like JSON but is not valid JSON as the shell form', () => {
    expect(commandOf("CMD ['nginx', '-g']")).toEqual({ form: 'shell', command: "['nginx', '-g']" });
    expect(commandOf('RUN [ -f /etc/hosts ] && echo ok')).toEqual({ form: 'shell', command: '[ -f /etc/hosts ] && echo ok' });
    expect(commandOf('CMD ["unterminated"')).toEqual({ form: 'shell', command: '["unterminated"' });
  });

  it('reads a bare command as the shell form with an empty command', () => {
    expect(commandOf('CMD')).toEqual({ form: 'shell', command: '' });
  });

  it('rejects a JSON array holding anything but strings', () => {
    const error = parseError('FROM alpine\nCMD ["sleep", 10]\n');
    expect(error.message).toBe('Dockerfile:2: when using JSON array syntax, arrays must be comprised of strings only');
    expect(error.hint).toBe('quote every element, as in ["sleep", "10"]');
  });
});
