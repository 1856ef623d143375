import { describe, expect, it } from 'vitest';
import { substituteTemplate, TemplateError } from '../../../src/compose-spec/interpolation/index.js';

// FOO is set, EMPTY is set but empty, UNSET is not set.
const environment: Record<string, string> = { FOO: 'first', EMPTY: '', HOST: 'db', PORT: '5432' };

function substitute(template: string): { result: string; unset: string[] } {
  const unset: string[] = [];
  const result = substituteTemplate(template, { lookup: (name) => environment[name], onUnset: (name) => unset.push(name) });
  return { result, unset };
}

function failure(template: string): string {
  try {
    substitute(template);
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  throw new Error(`${template} did not fail`);
}

describe('substituting a template', () => {
  it('replaces $NAME and ${NAME}, reading names as Compose does', () => {
    expect(substitute('This $FOO var').result).toBe('This first var');
    expect(substitute('This ${FOO} var').result).toBe('This first var');
    expect(substitute('$FOO-bar').result).toBe('first-bar');
    expect(substitute('$FOO.suffix $FOOx').result).toBe('first.suffix ');
    expect(substitute('postgres://$HOST:$PORT/app').result).toBe('postgres://db:5432/app');
  });

  it('turns an unset plain reference into "" and reports it; a set-but-empty one is not reported', () => {
    expect(substitute('This ${UNSET} var')).toEqual({ result: 'This  var', unset: ['UNSET'] });
    expect(substitute('This $UNSET var')).toEqual({ result: 'This  var', unset: ['UNSET'] });
    expect(substitute('This ${EMPTY} var')).toEqual({ result: 'This  var', unset: [] });
  });

  it('reads $$ as a literal $ and leaves a $ that starts no reference as it is', () => {
    expect(substitute('$${FOO} $$FOO $$$FOO').result).toBe('${FOO} $FOO $first');
    expect(substitute('price: $5, $-x, $ and a final $').result).toBe('price: $5, $-x, $ and a final $');
  });

  it('uses :- when the variable is unset or empty, and - only when it is unset', () => {
    expect(substitute('${UNSET:-def}|${EMPTY:-def}|${FOO:-def}').result).toBe('def|def|first');
    expect(substitute('${UNSET-def}|${EMPTY-def}|${FOO-def}').result).toBe('def||first');
    expect(substitute('${UNSET:-def}').unset).toEqual([]);
  });

  it('uses :+ when the variable is set and not empty, and + whenever it is set', () => {
    expect(substitute('${UNSET:+alt}|${EMPTY:+alt}|${FOO:+alt}').result).toBe('||alt');
    expect(substitute('${UNSET+alt}|${EMPTY+alt}|${FOO+alt}').result).toBe('|alt|alt');
  });

  it('keeps the value when :? or ? is satisfied', () => {
    expect(substitute('${FOO:?err}|${FOO?err}|${EMPTY?err}').result).toBe('first|first|');
  });

  it('fails :? on an unset or empty variable and ? on an unset one, with Compose\'s message', () => {
    expect(failure('not ok ${UNSET:?Mandatory Variable Unset}')).toBe('required variable UNSET is missing a value: Mandatory Variable Unset');
    expect(failure('not ok ${EMPTY:?Mandatory Variable Empty}')).toBe('required variable EMPTY is missing a value: Mandatory Variable Empty');
    expect(failure('${UNSET?Mandatory Variable Unset}')).toBe('required variable UNSET is missing a value: Mandatory Variable Unset');
    expect(failure('${UNSET:?}')).toBe('required variable UNSET is missing a value');
    expect(failure('${UNSET?}')).toBe('required variable UNSET is missing a value');
  });

  it('substitutes templates nested in defaults, alternates and messages, only when they are used', () => {
    expect(substitute('${UNSET:-${FOO}}').result).toBe('first');
    expect(substitute('${UNSET-$FOO}').result).toBe('first');
    expect(substitute('ok ${UNSET-${FOO} ${FOO}}').result).toBe('ok first first');
    expect(substitute('${A:-${B:-x}}').result).toBe('x');
    expect(substitute('${A:-${B:-${C:-deep}}}-tail').result).toBe('deep-tail');
    expect(substitute('${FOO:+[${HOST}]}').result).toBe('[db]');
    expect(substitute('${FOO:-${UNSET:?never evaluated}}').result).toBe('first');
    expect(failure('${UNSET:?needed by ${FOO}}')).toBe('required variable UNSET is missing a value: needed by first');
  });

  it('takes the operator right after the name, whatever the argument holds', () => {
    expect(substitute('${UNSET-myerror?msg}').result).toBe('myerror?msg');
    expect(substitute('${EMPTY:-/non:-alphanumeric}').result).toBe('/non:-alphanumeric');
    expect(failure('${UNSET?bar-baz}')).toBe('required variable UNSET is missing a value: bar-baz');
  });

  it('ends an argument at its balanced brace and substitutes what follows on its own', () => {
    expect(substitute('${UNSET:-x} and ${FOO}').result).toBe('x and first');
    expect(substitute('${UNSET:-x}}').result).toBe('x}');
    expect(substitute('${UNSET:-{}}').result).toBe('{}');
    expect(substitute('a ${UNSET:-x}\nb ${FOO}').result).toBe('a x\nb first');
  });

  it('reports a ${ that starts no valid reference as an invalid template', () => {
    for (const template of ['${', '${}', '${ }', '${ foo}', '${foo }', '${foo!}', '${FOO', '${FOO:x}', '${1A}']) {
      expect(failure(template)).toBe(`invalid interpolation format: ${JSON.stringify(template)}`);
    }
    expect(failure('prefix ${FOO:-x')).toBe('invalid interpolation format: "prefix ${FOO:-x"');
  });

  it('names the nested text when a default itself is an invalid template', () => {
    expect(failure('${UNSET:-${B}')).toBe('invalid interpolation format: "${B"');
  });
});
