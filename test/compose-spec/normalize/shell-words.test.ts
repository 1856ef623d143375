import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../../src/compose-spec/normalize/index.js';

const split = (text: string) => splitShellWords(text, ['services', 'web', 'command']);

describe('splitShellWords', () => {
  it('splits on blanks', () => {
    expect(split('  bundle exec\tthin -p 3000 ')).toStrictEqual(['bundle', 'exec', 'thin', '-p', '3000']);
  });

  it('keeps quoted blanks and makes empty words of empty quotes', () => {
    expect(split(`sh -c "echo 'hi there'" '' "a"b`)).toStrictEqual(['sh', '-c', "echo 'hi there'", '', 'ab']);
  });

  it('takes a backslashed character literally, except inside single quotes', () => {
    expect(split(String.raw`a\ b "c\"d" 'e\f'`)).toStrictEqual(['a b', 'c"d', String.raw`e\f`]);
  });

  it('drops everything from an unquoted control operator on, as Compose does', () => {
    expect(split('echo a && echo b')).toStrictEqual(['echo', 'a']);
    expect(split('echo a; rm b')).toStrictEqual(['echo', 'a']);
    expect(split('echo "a && b"')).toStrictEqual(['echo', 'a && b']);
    expect(split('run 2>/dev/null')).toStrictEqual(['run']);
  });

  it('keeps $(...) and backticks as text', () => {
    expect(split('echo $(date +%s) `id -u`')).toStrictEqual(['echo', '$(date +%s)', '`id -u`']);
  });

  it('refuses unbalanced quotes and parentheses', () => {
    expect(() => split('echo "open')).toThrow(
      'services.web.command: invalid command line string "echo \\"open": expected a command with balanced quotes and parentheses',
    );
    expect(() => split('echo (x)')).toThrow('invalid command line string');
    expect(() => split('echo x)')).toThrow('invalid command line string');
  });

  it('gives no words for an empty string', () => {
    expect(split('')).toStrictEqual([]);
  });
});
