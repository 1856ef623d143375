import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { parseDotenv } from '../../../src/compose-spec/environment/index.js';
import { composeErrorOf } from '../../helpers/error-of.js';

function raw(text: string, lookup: Record<string, string> = {}): Array<[string, string]> {
  return [...parseDotenv(text, { file: 'app.env', raw: true, lookup: (name) => lookup[name] })];
}

function thrown(text: string): ComposeError {
  return composeErrorOf(() => raw(text));
}

describe('parsing an env file in raw format', () => {
  it('takes everything after the first = as written: quotes, #, $, backslashes and trailing blanks', () => {
    expect(raw('A="quoted"\nB=\'single\'\nC=a # not a comment\nD=$HOME ${X:-y} \\n\nE=x=y  \nF=')).toEqual([
      ['A', '"quoted"'],
      ['B', "'single'"],
      ['C', 'a # not a comment'],
      ['D', '$HOME ${X:-y} \\n'],
      ['E', 'x=y  '],
      ['F', ''],
    ]);
  });

  it('skips leading blanks, blank lines, comment lines, a byte order mark and carriage returns', () => {
    expect(raw('\uFEFF# comment\r\n\n   KEY=value\r\n\t# indented comment\n')).toEqual([['KEY', 'value']]);
  });

  it('takes a bare KEY from lookup and leaves it out when lookup has none', () => {
    expect(raw('HOME\nMISSING\nEMPTY', { HOME: '/root', EMPTY: '' })).toEqual([['HOME', '/root'], ['EMPTY', '']]);
  });

  it('refuses a line without a name, and a name holding a blank, at their line', () => {
    const nameless = thrown('A=1\n=value');
    expect(nameless.code).toBe('COMPOSE_ENV_FILE');
    expect(nameless.message).toBe("app.env:2:1: no variable name on line '=value'");
    const spaced = thrown('  MY KEY=1');
    expect(spaced.message).toBe("app.env:1:3: variable 'MY KEY' contains whitespaces");
    expect(spaced.hint).toBe('a raw env file takes KEY=VALUE with nothing around the key; drop format: raw to allow spaces and quotes');
    expect(thrown('KEY =1').message).toBe("app.env:1:1: variable 'KEY ' contains whitespaces");
  });
});
