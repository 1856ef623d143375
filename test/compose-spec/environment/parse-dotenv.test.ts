import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { parseDotenv } from '../../../src/compose-spec/environment/index.js';
import { composeErrorOf } from '../../helpers/error-of.js';

const fixture = new URL('../../fixtures/environment/quoting.env', import.meta.url).pathname;

function parse(text: string, lookup: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(parseDotenv(text, { file: '.env', lookup: (name) => lookup[name] }));
}

function thrown(text: string): ComposeError {
  return composeErrorOf(() => parseDotenv(text, { file: '/p/.env' }));
}

describe('parsing a .env file', () => {
  it('reads every quoting rule of a realistic file, keys in file order', () => {
    const values = parseDotenv(readFileSync(fixture, 'utf8'), { file: fixture });
    expect([...values]).toEqual([
      ['PLAIN', 'value'],
      ['INDENTED', 'spaced out'],
      ['EXPORTED', 'yes'],
      ['YAML_STYLE', 'colon value'],
      ['EMPTY', ''],
      ['COMMENTED', 'bar'],
      ['HASH_INSIDE', 'bar#baz'],
      ['SINGLE', 'literal $PLAIN \\n # kept'],
      ['DOUBLE', 'tab\there value # kept'],
      ['MULTI_DOUBLE', 'first line\nsecond line'],
      ['MULTI_SINGLE', 'one\ntwo'],
      ['ESCAPED_QUOTES', 'say "hi"'],
      ['REFERENCE', 'value-fallback'],
    ]);
  });

  it('skips blank lines, comment lines and a byte order mark', () => {
    expect(parse('\uFEFF# comment\n\n\t # indented comment\r\nA=1\r\n\n')).toEqual({ A: '1' });
  });

  it('ignores spaces around the key and after the separator, and keeps = and : inside values', () => {
    expect(parse(' KEY =value\nB= b\nC=postgres://localhost:5432/db?sslmode=disable\nD=1:B\nE: Foo=bar')).toEqual({
      KEY: 'value',
      B: 'b',
      C: 'postgres://localhost:5432/db?sslmode=disable',
      D: '1:B',
      E: 'Foo=bar',
    });
  });

  it('starts an inline comment only at " #" in an unquoted value, and trims trailing blanks', () => {
    expect(parse('A=bar # comment\nB=bar#baz\nC=bar \t\nD="bar#baz" # comment\nE=\'ba#r\'')).toEqual({
      A: 'bar',
      B: 'bar#baz',
      C: 'bar',
      D: 'bar#baz',
      E: 'ba#r',
    });
  });

  it('gives "" for KEY=, and reads a "# x" right after the separator as the value, as Compose does', () => {
    // compose-go trims the blanks after "=" before looking for " #", so the comment becomes the value.
    expect(parse('A=\nB=   \nC= # not a comment\nD=""')).toEqual({ A: '', B: '', C: '# not a comment', D: '' });
  });

  it('drops the export keyword only when a blank follows it', () => {
    expect(parse('export A=2\n\texport  B=3\nexportFOO=4\nexport_FOO =5\nexport.FOO= 6')).toEqual({
      A: '2',
      B: '3',
      exportFOO: '4',
      export_FOO: '5',
      'export.FOO': '6',
    });
  });

  it('accepts letters of any script, digits, ".", "-", "[" and "]" in names', () => {
    expect(parse('a=b\na[1]=c\na.propertyKey=d\nárvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép\n1ST=x')).toEqual({
      a: 'b',
      'a[1]': 'c',
      'a.propertyKey': 'd',
      'árvíztűrő-TÜKÖRFÚRÓGÉP': 'ÁRVÍZTŰRŐ-tükörfúrógép',
      '1ST': 'x',
    });
  });

  it('reads double-quoted escapes and keeps single-quoted text literal', () => {
    expect(parse(String.raw`A="bar\n\ b\az"`)).toEqual({ A: 'bar\n\\ b\x07z' });
    expect(parse(String.raw`A="tab\tcr\rbs\\ quote\" dollar\$HOME octal\0101 other\q"`)).toEqual({
      A: 'tab\tcr\rbs\\ quote" dollar$HOME octalA other\\q',
    });
    expect(parse(String.raw`A='single \n \" \' $HOME'`)).toEqual({ A: String.raw`single \n \" ' $HOME` });
    expect(parse(String.raw`A="\\"`)).toEqual({ A: '\\' });
  });

  it('keeps line breaks inside quoted values', () => {
    expect(parse('A="one\ntwo"\nB=\'x\n\ny\'\nC=after')).toEqual({ A: 'one\ntwo', B: 'x\n\ny', C: 'after' });
  });

  it('interpolates unquoted and double-quoted values from lookup first, then from earlier keys', () => {
    expect(parse('FOO=test\nBAR=$FOO\nBAZ="${FOO}bar"\nQUX=\'$FOO\'\nLIT=$$FOO', {})).toEqual({
      FOO: 'test',
      BAR: 'test',
      BAZ: 'testbar',
      QUX: '$FOO',
      LIT: '$FOO',
    });
    expect(parse('FOO=file\nBAR=$FOO', { FOO: 'outside' })).toEqual({ FOO: 'file', BAR: 'outside' });
    expect(parse('A=${MISSING:-dflt}|${EMPTY-unset}|${SET:+alt}', { EMPTY: '', SET: 'x' })).toEqual({ A: 'dflt||alt' });
  });

  it('reports unset plain references in values', () => {
    const unset: string[] = [];
    parseDotenv('A=$NOPE\nB="${ALSO_NOPE}"\nC=\'$QUIET\'', { file: '.env', onUnset: (name) => unset.push(name) });
    expect(unset).toEqual(['NOPE', 'ALSO_NOPE']);
  });

  it('takes a bare KEY from lookup, and leaves it out when lookup has none', () => {
    expect(parse('INHERITED\nMISSING\nexport ALSO\nA=1\nLAST', { INHERITED: 'from env', ALSO: '', LAST: 'end' })).toEqual({
      INHERITED: 'from env',
      ALSO: '',
      A: '1',
      LAST: 'end',
    });
  });

  it('keeps the last value of a key defined twice, in its first place', () => {
    expect([...parseDotenv('A=1\nB=2\nA=3', { file: '.env' })]).toEqual([['A', '3'], ['B', '2']]);
  });

  it('refuses a character that cannot be in a name, at its line and column', () => {
    const error = thrown('A=1\n\n  %!(EXTRA string)=foo');
    expect(error.code).toBe('COMPOSE_ENV_FILE');
    expect(error.position).toEqual({ file: '/p/.env', line: 3, column: 3 });
    expect(error.message).toBe('/p/.env:3:3: unexpected character "%" in variable name "%!(EXTRA string)=foo"');
    expect(error.hint).toBe('write one variable per line as KEY=VALUE; names may use letters, digits, "_", ".", "-", "[" and "]"');
    expect(thrown('lol$wut').message).toBe('/p/.env:1:4: unexpected character "$" in variable name "lol$wut"');
  });

  it('refuses a name with a space in it', () => {
    const error = thrown('MY KEY=1');
    expect(error.message).toBe('/p/.env:1:1: key cannot contain a space: "MY KEY"');
    expect(error.hint).toBe('write one variable per line as KEY=VALUE');
  });

  it('refuses an unterminated quoted value at its opening quote', () => {
    const error = thrown('A=1\nB=  "abc\nC=2');
    expect(error.message).toBe('/p/.env:2:5: unterminated quoted value "abc');
    expect(error.hint).toBe('close the value with "; quoted values may span several lines');
    expect(thrown("A='x").message).toBe("/p/.env:1:3: unterminated quoted value 'x");
  });

  it('fails a required variable and a malformed reference at the value', () => {
    const required = thrown('A=1\nPASSWORD=${SECRET:?set SECRET first}');
    expect(required.code).toBe('COMPOSE_ENV_FILE');
    expect(required.message).toBe('/p/.env:2:10: required variable SECRET is missing a value: set SECRET first');
    expect(required.hint).toBe('set SECRET in the environment or earlier in this file');
    const malformed = thrown('PRICE="${AMOUNT"');
    expect(malformed.message).toBe('/p/.env:1:7: invalid interpolation format: "${AMOUNT"');
    expect(malformed.hint).toBe('write $$ for a literal $, or single-quote the value to turn interpolation off');
  });
});
