import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDocuments } from '../../../src/compose-spec/merge/index.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';

const fixtures = new URL('../../fixtures/merge/', import.meta.url).pathname;

function read(directory: string, file: string): Record<string, unknown> {
  const path = join(directory, file);
  return parseComposeYaml(readFileSync(path, 'utf8'), path).documents[0] as Record<string, unknown>;
}

// Each folder holds base.yaml and override.yaml, merged as `-f base.yaml -f override.yaml`
// would be, and expected.yaml, the merged document.
describe('merging a base and an override file (test/fixtures/merge)', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name.replaceAll('-', ' '), () => {
      const directory = join(fixtures, name);
      const merged = mergeDocuments([read(directory, 'base.yaml'), read(directory, 'override.yaml')]);
      expect(merged).toStrictEqual(read(directory, 'expected.yaml'));
    });
  }
});
