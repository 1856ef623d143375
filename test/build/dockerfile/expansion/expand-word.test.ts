import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerfileError, expandHeredoc, expandWord, expandWords } from '../../../../src/build/dockerfile/index.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

const variables: Record<string, string> = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
const lookup = (name: string): string | undefined => (Object.hasOwn(variables, name) ? variables[name] : undefined);
const expanded = (word: string): string => expandWord(word, lookup);
const expansionError = (word: string, lookupIn = lookup): DockerfileError => berthErrorOf(() => expandWord(word, lookupIn)) as DockerfileError;

// Cases from BuildKit's shell lexer tests: the word as written, then what it expands to.
const EXPANSIONS: ReadonlyArray<[string, string]> = [
  ['hello', 'hello'],
  ["he'll'o", 'hello'],
  ["he\\'llo", "he'llo"],
  ['abc\\tdef', 'abctdef'],
  ['"abc\\tdef"', 'abc\\tdef'],
  ['"abc\\\\tdef"', 'abc\\tdef'],
  ["'abc\\tdef'", 'abc\\tdef'],
  ['hello\\', 'hello'],
  ['hello\\\\', 'hello\\'],
  ['"hel\'lo"', "hel'lo"],
  ["'hello\\'", 'hello\\'],
  ['"\'\'"', "''"],
  ['$.', '$.'],
  ['he$1x', 'hex'],
  ['he$.x', 'he$.x'],
  ['he$pwd.', 'he.'],
  ['he$PWD', 'he/home'],
  ['he\\$PWD', 'he$PWD'],
  ['he\\\\$PWD', 'he\\/home'],
  ['"he\\$PWD"', 'he$PWD'],
  ['"he\\\\$PWD"', 'he\\/home'],
  ["'he\\$PWD'", 'he\\$PWD'],
  ['\\${}', '${}'],
  ['he\\${}xx', 'he${}xx'],
  ['he${hi}xx', 'hexx'],
  ['he${PWD}', 'he/home'],
  ['he${XXX:-000}xx', 'he000xx'],
  ['he${PWD:-000}xx', 'he/homexx'],
  ['he${XXX:-$PWD}xx', 'he/homexx'],
  ['he${XXX:-${PWD:-yyy}}xx', 'he/homexx'],
  ['he${XXX:-${YYY:-yyy}}xx', 'heyyyxx'],
  ['he${PWD?}', 'he/home'],
  ['he${PWD:?}', 'he/home'],
  ['he${NULL?}', 'he'],
  ['he${XXX:+${PWD}}xx', 'hexx'],
  ['he${PWD:+${XXX}}xx', 'hexx'],
  ['he${PWD:+${SHELL}}xx', 'hebashxx'],
  ['he${PWD:+000}xx', 'he000xx'],
  ["'he${XX}'", 'he${XX}'],
  ['"he${PWD}"', 'he/home'],
  ['"he\'$PWD\'"', "he'/home'"],
  ["'\"hello\"'", '"hello"'],
  ['he${PWD:+${PWD}:}xx', 'he/home:xx'],
  ['he${XXX:-\\$PWD:}xx', 'he$PWD:xx'],
  ['he${XXX:-\\${PWD}z}xx', 'he${PWDz}xx'],
  ["안'녕'하세요", '안녕하세요'],
  ['안녕$KOREAN', '안녕한국어'],
  ['${aaa}}', '}'],
  ['${NULL-default}', ''],
  ['${NULL:-default}', 'default'],
  ['${NULL+set}', 'set'],
  ['${NULL:+set}', ''],
];

describe('expanding a word', () => {
  it.each(EXPANSIONS)('expands %s to %s', (word, expected) => {
    expect(expanded(word)).toBe(expected);
  });

  it('turns an unset variable into an empty string', () => {
    expect(expanded('a${MISSING}b$MISSING')).toBe('ab');
  });

  it('uses the backtick as escape character when the Dockerfile says so, leaving backslashes alone', () => {
    expect(expandWord('c:\\dir\\`$PWD', lookup, { escape: '`' })).toBe('c:\\dir\\$PWD');
    expect(expandWord('"a`"b"', lookup, { escape: '`' })).toBe('a"b');
  });

  it('gives back any text whose every character is escaped, as one word', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const escaped = [...text].map((character) => `\\${character}`).join('');
        expect(expandWord(escaped, lookup)).toBe(text);
        expect(expandWords(escaped, lookup)).toEqual([text]);
      }),
    );
  });

  it('looks variables up by exact name', () => {
    expect(expanded('$pwd')).toBe('');
  });
});

describe('trimming and replacing with shell patterns', () => {
  const path = (word: string, value: string): string => expandWord(word, (name) => (name === 'FOO' ? value : name === 'BAR' ? 'x' : undefined));

  it('removes the shortest and longest matching prefix and suffix', () => {
    expect(path('${FOO#*/}', 'a/b/c.tar.gz')).toBe('b/c.tar.gz');
    expect(path('${FOO##*/}', 'a/b/c.tar.gz')).toBe('c.tar.gz');
    expect(path('${FOO%.*}', 'a/b/c.tar.gz')).toBe('a/b/c.tar');
    expect(path('${FOO%%.*}', 'a/b/c.tar.gz')).toBe('a/b/c');
    expect(path('${FOO#*x*y}', 'xxyy')).toBe('y');
    expect(path('${FOO#?\\?}', '???y')).toBe('?y');
    expect(path('${FOO%%\\**\\*}', 'a***yy*')).toBe('a');
  });

  it('uses variables inside patterns and leaves the value alone when nothing matches', () => {
    expect(path('${FOO#$BAR}', 'xxyy')).toBe('xyy');
    expect(path('${FOO#}', 'xxyy')).toBe('xxyy');
    expect(path('${FOO%z}', 'xxyy')).toBe('xxyy');
  });

  it('escapes regular expression characters in patterns', () => {
    expect(path('${FOO#()[]{\\}^$.\\*\\?|\\\\}', '()[]{}^$.*?|\\x')).toBe('x');
  });

  it('replaces the first match or every match, the replacement taken literally', () => {
    expect(path('${FOO/o/0}', 'foo/boo')).toBe('f0o/boo');
    expect(path('${FOO//o/0}', 'foo/boo')).toBe('f00/b00');
    expect(path('${FOO/\\/?\\//\\/}', '/a/foo')).toBe('\\/foo');
    expect(path('${FOO//\\//\\/}', '/tmp/foo.txt')).toBe('\\/tmp\\/foo.txt');
    expect(path('${FOO/o/$&}', 'foo')).toBe('f$&o');
    expect(path('${FOO///}', 'xxyy')).toBe('xxyy');
  });

  it('does not replace an empty match right after a match, as Go does', () => {
    expect(path('${FOO//*/x}', 'abc')).toBe('x');
  });
});

describe('splitting expanded words', () => {
  const spaces: Record<string, string> = { space: 'abc  def', leading: '  ab c', trailing: 'ab c   ', PORTS: '80/tcp 443' };
  const words = (word: string): string[] => expandWords(word, (name) => spaces[name]);

  it('splits at blanks of plain text and of variable values, not of quoted text', () => {
    expect(words('hello there')).toEqual(['hello', 'there']);
    expect(words('$PORTS')).toEqual(['80/tcp', '443']);
    expect(words('hello${space}bye')).toEqual(['helloabc', 'defbye']);
    expect(words('hello"${space}"bye')).toEqual(['helloabc  defbye']);
    expect(words('hello "${space}"bye')).toEqual(['hello', 'abc  defbye']);
    expect(words('hello${leading}def')).toEqual(['hello', 'ab', 'cdef']);
    expect(words('hello${trailing}d')).toEqual(['helloab', 'c', 'd']);
    expect(words('hello\\ there')).toEqual(['hello there']);
    expect(words('hello\\" there')).toEqual(['hello"', 'there']);
    expect(words("hello'$space'")).toEqual(['hello$space']);
  });

  it('makes no word of an empty quoted string or an unset variable', () => {
    expect(words('""')).toEqual([]);
    expect(words('$UNSET')).toEqual([]);
  });
});

describe('expansion errors', () => {
  it('names the word and says what is wrong', () => {
    const error = expansionError('he${PWD');
    expect(error.message).toBe('failed to process "he${PWD": syntax error: missing \'}\'');
    expect(error.hint).toBe('close the ${ with }');
    expect(error.code).toBe('DOCKERFILE_EXPANSION');
    expect(error.kind).toBe('usage');
  });

  it('reports a required variable that is unset or empty, with its message', () => {
    expect(expansionError('${XXX?}').message).toBe('failed to process "${XXX?}": XXX: is not allowed to be unset');
    expect(expansionError('${NULL:?}').message).toBe('failed to process "${NULL:?}": NULL: is not allowed to be empty');
    const custom = expansionError('${VERSION:?set it with --build-arg $SHELL}');
    expect(custom.message).toBe('failed to process "${VERSION:?set it with --build-arg $SHELL}": VERSION: set it with --build-arg bash');
    expect(custom.hint).toBe('set VERSION with ARG or ENV, or pass --build-arg VERSION=<value>');
  });

  it.each([
    ['${}', "syntax error: bad substitution"],
    ['he${}xx', 'syntax error: bad substitution'],
    ['${{aaa}', 'syntax error: bad substitution'],
    ['${:x}', 'syntax error: bad substitution'],
    ['he${.}', 'unsupported modifier (.) in substitution'],
    ['he${XXX:YYY}', 'unsupported modifier (:Y) in substitution'],
    ['he${PWD:=000}xx', 'unsupported modifier (:=) in substitution'],
    ['${FOO=aaa}', 'unsupported modifier (=) in substitution'],
    ['${aaa', "syntax error: missing '}'"],
    ['${aaa:-x', "syntax error: missing '}'"],
    ["${aaa:-'x}", "syntax error: missing '}'"],
    ['${FOO//ww}', "syntax error: missing '/' in ${}"],
    ['${FOO/a/b', "syntax error: missing '}'"],
    ["he'llo", 'unexpected end of statement while looking for matching single-quote'],
    ["he\\\\'llo", 'unexpected end of statement while looking for matching single-quote'],
    ['"hello\\"', 'unexpected end of statement while looking for matching double-quote'],
    ['${PWD#\\a}', 'invalid pattern (\\a) in substitution: invalid escape \'\\a\''],
  ])('rejects %s: %s', (word, detail) => {
    expect(expansionError(word).detail).toBe(`failed to process "${word}": ${detail}`);
  });

  it('names the Dockerfile line when given one', () => {
    const error = berthErrorOf(() => expandWord('${A:?}', lookup, { at: { file: 'Dockerfile', line: 4 } }));
    expect(error.message).toBe('Dockerfile:4: failed to process "${A:?}": A: is not allowed to be unset');
  });
});

describe('expanding a heredoc body', () => {
  it('replaces variables and applies backslash escapes but keeps quotes as text', () => {
    expect(expandHeredoc('echo "$SHELL" \'$SHELL\' \\$HOME ${NULL:-x}\n', lookup)).toBe('echo "bash" \'bash\' $HOME x\n');
  });

  it('drops a backslash before an ordinary character, as BuildKit does', () => {
    expect(expandHeredoc('printf "a\\nb"\n', lookup)).toBe('printf "anb"\n');
  });
});
