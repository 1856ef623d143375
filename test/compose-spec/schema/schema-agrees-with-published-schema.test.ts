import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { castToSchemaTypes, composeSpecSchema, validateComposeDocument } from '../../../src/compose-spec/schema/index.js';
import { attributeDifferences, attributeNames } from './attribute-names.js';
import { fixtureDocuments } from './fixture-corpus.js';
import { runningUnderCi } from '../../harness/ci.js';

/**
 * The published Compose Specification schema is the oracle: for every compose document among the
 * fixtures, berth's schema and the published one must both accept it or both reject it. Both see
 * the document as Compose validates it: after the casting of interpolated strings.
 */
const referencePath = fileURLToPath(new URL('../../../../shared/reference/compose-spec.schema.json', import.meta.url));
const referenceAvailable = existsSync(referencePath);
const skip = !referenceAvailable && !runningUnderCi;

// compose-go's format checkers: "duration" is Go's time.ParseDuration, "ports" and "expose" accept anything.
const GO_DURATION = /^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$/u;

/**
 * Where the documentation says more than the published schema checks, berth follows the
 * documentation; where Compose rejects a value after the schema (while casting or decoding it),
 * berth's schema rejects it already. Each such fixture is listed with its reason, and must keep
 * disagreeing.
 */
const DOCUMENTED_DISAGREEMENTS: Record<string, string> = {
  'schema/invalid/include-long-missing-path.yaml': 'include.md: "path" is required in the long syntax',
  'schema/invalid/ports-long-missing-target.yaml': 'services.md: a port mapping needs its container port, "target"',
  'schema/invalid/healthcheck-retries-text.yaml': 'compose-go fails to cast "three" to the integer retries',
  'schema/invalid/stop-grace-period-bad-duration.yaml': 'compose-go fails to decode "10 seconds" as a duration',
  'schema/invalid/restart-unknown-policy.yaml': 'services.md lists the restart policies; the engine refuses any other',
};

function publishedValidator() {
  const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', () => true);
  ajv.addFormat('expose', () => true);
  return ajv.compile(JSON.parse(readFileSync(referencePath, 'utf8')) as object);
}

describe.skipIf(skip)('berth\'s schema agrees with the published Compose schema', () => {
  const documents = fixtureDocuments();
  const validatePublished = referenceAvailable ? publishedValidator() : undefined;

  it('has the published schema to compare with', () => {
    expect(referenceAvailable, `missing ${referencePath}`).toBe(true);
  });

  it('knows the same attributes, at every place of a document', () => {
    const published = JSON.parse(readFileSync(referencePath, 'utf8')) as Record<string, unknown>;
    const berth = composeSpecSchema as unknown as Record<string, unknown>;
    expect(attributeDifferences(attributeNames(published), attributeNames(berth))).toEqual({});
  });

  it('judges a corpus of at least 60 documents', () => {
    expect(documents.length).toBeGreaterThanOrEqual(60);
  });

  it.each(documents.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const document = structuredClone(fixture.document);
    castToSchemaTypes(document);
    const berthIssues = validateComposeDocument(document);
    const publishedAccepts = validatePublished?.(document) === true;
    const verdicts = {
      file: fixture.name,
      berth: berthIssues.length === 0 ? 'accepts' : `rejects: ${JSON.stringify(berthIssues[0])}`,
      published: publishedAccepts ? 'accepts' : `rejects: ${JSON.stringify(validatePublished?.errors?.slice(0, 3))}`,
    };
    const reason = DOCUMENTED_DISAGREEMENTS[fixture.name];
    if (reason) expect(berthIssues.length === 0, `${reason}: ${JSON.stringify(verdicts, null, 2)}`).toBe(!publishedAccepts);
    else expect(berthIssues.length === 0, JSON.stringify(verdicts, null, 2)).toBe(publishedAccepts);
  });
});
