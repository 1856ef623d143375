import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';

/** Every compose document among the YAML files under test/fixtures, for the schema tests to judge. */

export const fixturesRoot = new URL('../../fixtures/', import.meta.url).pathname;

export interface FixtureDocument {
  /** The file relative to test/fixtures, with the document's index when the file holds several. */
  name: string;
  file: string;
  document: Record<string, unknown>;
}

export function yamlFilesUnder(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

/** Files that are not valid YAML, and documents whose top level is not a mapping, are left out. */
export function fixtureDocuments(directory = fixturesRoot): FixtureDocument[] {
  const documents: FixtureDocument[] = [];
  for (const file of yamlFilesUnder(directory)) {
    let parsed: unknown[];
    try {
      parsed = parseComposeYaml(readFileSync(file, 'utf8'), file).documents;
    } catch {
      continue;
    }
    const mappings = parsed.filter((document): document is Record<string, unknown> =>
      typeof document === 'object' && document !== null && !Array.isArray(document));
    mappings.forEach((document, index) => {
      const name = relative(fixturesRoot, file) + (mappings.length > 1 ? ` (document ${index + 1})` : '');
      documents.push({ name, file, document });
    });
  }
  return documents;
}
