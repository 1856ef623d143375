import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDocumentPath } from '../../../src/compose-spec/compose-error.js';
import { castToSchemaTypes, validateComposeDocument } from '../../../src/compose-spec/schema/index.js';
import { fixtureDocuments, fixturesRoot } from './fixture-corpus.js';

/** The schema corpus: each valid fixture passes; each invalid one fails with the problem written on its first line. */

function judged(document: Record<string, unknown>) {
  const copy = structuredClone(document);
  castToSchemaTypes(copy);
  return validateComposeDocument(copy);
}

describe('valid schema fixtures', () => {
  const valid = fixtureDocuments(`${fixturesRoot}schema/valid`);

  it('cover at least 40 documents', () => {
    expect(valid.length).toBeGreaterThanOrEqual(40);
  });

  it.each(valid.map((fixture) => [fixture.name, fixture] as const))('%s is accepted', (_name, fixture) => {
    expect(judged(fixture.document)).toEqual([]);
  });
});

describe('invalid schema fixtures', () => {
  const invalid = fixtureDocuments(`${fixturesRoot}schema/invalid`);

  it('cover at least 40 documents', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(40);
  });

  it.each(invalid.map((fixture) => [fixture.name, fixture] as const))('%s reports what its first line expects', (_name, fixture) => {
    const expectLine = /^# expect: (.*)$/m.exec(readFileSync(fixture.file, 'utf8'));
    expect(expectLine, 'the fixture starts with "# expect: <path>: <message>"').not.toBeNull();
    const [first] = judged(fixture.document);
    expect(first && `${formatDocumentPath(first.path)}: ${first.message}`).toBe(expectLine?.[1]);
  });
});
