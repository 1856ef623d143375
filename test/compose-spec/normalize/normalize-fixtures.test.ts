import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { normalizeService } from '../../../src/compose-spec/normalize/index.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';
import { testContext } from './normalize-context.js';

/*
 * Each folder of test/fixtures/normalize holds `input.yaml` (raw services, as the earlier
 * phases hand them over) and `expected.yaml` (the canonical services). An optional
 * `context.yaml` gives the project `environment` and the env `files` the services read.
 */
const root = join(import.meta.dirname, '../../fixtures/normalize');

interface FixtureContext {
  environment?: Record<string, string>;
  files?: Record<string, Record<string, string>>;
}

function readYaml(path: string): Record<string, unknown> {
  return parseComposeYaml(readFileSync(path, 'utf8'), path).documents[0] as Record<string, unknown>;
}

describe('normalize fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name.replaceAll('-', ' '), () => {
      const folder = join(root, name);
      const input = readYaml(join(folder, 'input.yaml'));
      const expected = parse(readFileSync(join(folder, 'expected.yaml'), 'utf8')) as { services: Record<string, unknown> };
      const contextFile = join(folder, 'context.yaml');
      const fixture = (existsSync(contextFile) ? parse(readFileSync(contextFile, 'utf8')) : {}) as FixtureContext;
      const context = testContext(fixture.environment, fixture.files);
      const services = input.services as Record<string, Record<string, unknown>>;
      const actual = Object.fromEntries(Object.entries(services).map(([service, raw]) => [service, normalizeService(service, raw, context)]));
      expect(actual).toStrictEqual(expected.services);
    });
  }
});
