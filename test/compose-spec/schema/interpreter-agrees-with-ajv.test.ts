import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BERTH_ANNOTATIONS, composeSpecSchema, validateComposeDocument } from '../../../src/compose-spec/schema/index.js';
import { fixtureDocuments } from './fixture-corpus.js';

/**
 * berth checks documents by interpreting its schema (no compile step at start-up). ajv, compiling
 * the same schema, is the reference for what the schema means: both must give the same verdict.
 */
const ajv = new Ajv({ strict: true, allowUnionTypes: true });
ajv.addVocabulary([...BERTH_ANNOTATIONS]);
const validateWithAjv = ajv.compile(composeSpecSchema as object);

function verdicts(document: unknown) {
  return { ajv: validateWithAjv(document), berth: validateComposeDocument(document).length === 0 };
}

const serviceAttributes = Object.keys(
  (composeSpecSchema.definitions?.service?.properties ?? {}) as Record<string, unknown>,
);

describe('the schema interpreter agrees with ajv', () => {
  it('compiles berth\'s schema in strict mode', () => {
    expect(typeof validateWithAjv).toBe('function');
  });

  it.each(fixtureDocuments().map((fixture) => [fixture.name, fixture.document] as const))('on %s', (_name, document) => {
    const { ajv: accepted, berth } = verdicts(document);
    expect(berth).toBe(accepted);
  });

  it('on generated services with arbitrary attribute values', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const service = fc.dictionary(fc.constantFrom(...serviceAttributes, 'x-extra', 'imgae'), value, { maxKeys: 4 });
    fc.assert(
      fc.property(service, (body) => {
        const { ajv: accepted, berth } = verdicts({ services: { web: body } });
        expect(berth).toBe(accepted);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('on services mixing the attribute values found in the fixtures', () => {
    const pool = new Map<string, unknown[]>();
    for (const { document } of fixtureDocuments()) {
      const services = document.services;
      if (typeof services !== 'object' || services === null) continue;
      for (const body of Object.values(services)) {
        if (typeof body !== 'object' || body === null) continue;
        for (const [attribute, value] of Object.entries(body)) pool.set(attribute, [...(pool.get(attribute) ?? []), value]);
      }
    }
    const attributes = [...pool.keys()].sort();
    const everyValue = attributes.flatMap((attribute) => pool.get(attribute) ?? []);
    const entry = fc.constantFrom(...attributes).chain((attribute) =>
      fc.tuple(fc.constant(attribute), fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(pool.get(attribute) ?? [])) },
        { weight: 1, arbitrary: fc.constantFrom(...everyValue) },
      )));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const { ajv: accepted, berth } = verdicts({ services: { web: Object.fromEntries(entries) } });
        expect(berth).toBe(accepted);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('on generated top-level documents', () => {
    const names = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models', 'include', 'name', 'version', 'x-a', 'other'];
    const entry = fc.dictionary(fc.constantFrom('web', 'db', 'bad name'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 2 });
    const document = fc.dictionary(fc.constantFrom(...names), fc.oneof(entry, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 3 });
    fc.assert(
      fc.property(document, (body) => {
        const { ajv: accepted, berth } = verdicts(body);
        expect(berth).toBe(accepted);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
