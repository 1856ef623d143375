import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyExtends } from '../../../src/compose-spec/extends/index.js';
import { mergeDocuments } from '../../../src/compose-spec/merge/index.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';

const fixtures = new URL('../../fixtures/extends/', import.meta.url).pathname;

function parseFile(file: string): Record<string, unknown> {
  return parseComposeYaml(readFileSync(file, 'utf8'), file).documents[0] as Record<string, unknown>;
}

// Each folder holds compose.yaml and the files it extends from, and expected.yaml: compose.yaml
// with its extends applied, where ${DIR} stands for the folder.
describe('extending services (test/fixtures/extends)', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name.replaceAll('-', ' '), async () => {
      const directory = join(fixtures, name).replace(/\/$/, '');
      const file = join(directory, 'compose.yaml');
      const document = parseFile(file);
      await applyExtends(document, { file, baseDirectory: directory, loadFile: async (path) => parseFile(path) });
      const expected: unknown = parse(readFileSync(join(directory, 'expected.yaml'), 'utf8').replaceAll('${DIR}', directory));
      expect(mergeDocuments([document])).toStrictEqual(expected);
    });
  }
});
