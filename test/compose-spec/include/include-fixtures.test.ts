import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadWithIncludes } from './include-loader.js';

const fixtures = new URL('../../fixtures/include/', import.meta.url).pathname;

// Each folder holds compose.yaml and the files it includes, and expected.yaml: compose.yaml with
// its includes applied (paths as they are before the project's own paths are resolved), where
// ${DIR} stands for the folder.
describe('including compose files (test/fixtures/include)', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name.replaceAll('-', ' '), async () => {
      const directory = join(fixtures, name).replace(/\/$/, '');
      const expected: unknown = parse(readFileSync(join(directory, 'expected.yaml'), 'utf8').replaceAll('${DIR}', directory));
      expect(await loadWithIncludes(directory)).toStrictEqual(expected);
    });
  }
});
