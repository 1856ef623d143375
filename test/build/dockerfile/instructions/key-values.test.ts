import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../../src/build/dockerfile/index.js';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

describe('ENV', () => {
  it('reads key=value pairs, keeping quotes and escapes for expansion', () => {
    expect(parsedAfterFrom('ENV A=1 B="two words" C=three\\ words D=\'$lit\' E=')).toEqual({
      keyword: 'ENV',
      pairs: [
        { key: 'A', value: '1' },
        { key: 'B', value: '"two words"' },
        { key: 'C', value: 'three\\ words' },
        { key: 'D', value: "'$lit'" },
        { key: 'E', value: '' },
      ],
    });
  });

  it('reads the legacy form: the first word is the key, the rest of the line the value', () => {
    expect(parsedAfterFrom('ENV JAVA_OPTS -Xmx1g  -Dfoo=bar')).toEqual({ keyword: 'ENV', pairs: [{ key: 'JAVA_OPTS', value: '-Xmx1g  -Dfoo=bar' }] });
  });

  it('reads pairs over continued lines', () => {
    expect(parsedAfterFrom('ENV A=1 \\\n    B=2')).toEqual({ keyword: 'ENV', pairs: [{ key: 'A', value: '1' }, { key: 'B', value: '2' }] });
  });

  it('uses the backtick as escape character when the directive says so', () => {
    const [env] = parseDockerfile('# escape=`\nFROM alpine\nENV A=a` b C=c\n').stages[0]!.instructions;
    expect(env).toMatchObject({ pairs: [{ key: 'A', value: 'a` b' }, { key: 'C', value: 'c' }] });
  });

  it('rejects a word without = among pairs', () => {
    const error = parseError('FROM alpine\nENV A=1 B\n');
    expect(error.message).toBe('Dockerfile:2: Syntax error - can\'t find = in "B". Must be of the form: name=value');
    expect(error.hint).toBe('write B=<value>, or quote a value that holds blanks');
  });

  it('rejects a key alone, an empty ENV and a blank name', () => {
    const alone = parseError('FROM alpine\nENV DEBUG\n');
    expect(alone.message).toBe('Dockerfile:2: ENV must have two arguments');
    expect(alone.hint).toBe('write ENV DEBUG=<value>');
    expect(parseError('FROM alpine\nENV\n').message).toBe('Dockerfile:2: ENV requires at least one argument');
    expect(parseError('FROM alpine\nENV =x\n').message).toBe('Dockerfile:2: ENV names can not be blank');
  });
});

describe('LABEL', () => {
  it('reads pairs with quoted keys and values', () => {
    expect(parsedAfterFrom('LABEL "com.example.vendor"="ACME Inc" version=1.0 description="a \\"quoted\\" word"')).toEqual({
      keyword: 'LABEL',
      pairs: [
        { key: '"com.example.vendor"', value: '"ACME Inc"' },
        { key: 'version', value: '1.0' },
        { key: 'description', value: '"a \\"quoted\\" word"' },
      ],
    });
  });

  it('rejects a label without a value', () => {
    expect(parseError('FROM alpine\nLABEL version\n').message).toBe('Dockerfile:2: LABEL must have two arguments');
  });
});

describe('ARG', () => {
  it('reads names with and without defaults, several per line', () => {
    expect(parsedAfterFrom('ARG VERSION=1.2 USER EMPTY= QUOTED="a b"')).toEqual({
      keyword: 'ARG',
      args: [{ name: 'VERSION', defaultValue: '1.2' }, { name: 'USER' }, { name: 'EMPTY', defaultValue: '' }, { name: 'QUOTED', defaultValue: '"a b"' }],
    });
  });

  it('rejects an empty ARG and a blank name', () => {
    expect(parseError('FROM alpine\nARG\n').message).toBe('Dockerfile:2: ARG requires at least one argument');
    expect(parseError('FROM alpine\nARG =1\n').message).toBe('Dockerfile:2: ARG names can not be blank');
  });
});
