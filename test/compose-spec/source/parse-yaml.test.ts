import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { entryTag, locate } from '../../../src/compose-spec/source/node-meta.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';
import { composeErrorOf } from '../../helpers/error-of.js';

function parseError(text: string): ComposeError {
  return composeErrorOf(() => parseComposeYaml(text, 'compose.yaml'));
}

describe('reading YAML', () => {
  it('remembers the line and column of every entry', () => {
    const [document] = parseComposeYaml('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n      - 9090\n', 'compose.yaml').documents;
    expect(locate(document, ['services', 'web', 'ports', 1])).toEqual({ file: 'compose.yaml', line: 6, column: 9 });
    expect(locate(document, ['services', 'web', 'image'])).toEqual({ file: 'compose.yaml', line: 3, column: 12 });
  });

  it('places a path that does not exist at its nearest known ancestor', () => {
    const [document] = parseComposeYaml('services:\n  web:\n    image: nginx\n', 'compose.yaml').documents;
    expect(locate(document, ['services', 'web', 'ports', 3])).toEqual({ file: 'compose.yaml', line: 3, column: 5 });
  });

  it('resolves anchors, aliases and merge keys, explicit keys winning', () => {
    const text = 'x-base: &base\n  image: busybox\n  restart: always\nservices:\n  a:\n    <<: *base\n    restart: "no"\n';
    const [document] = parseComposeYaml(text, 'compose.yaml').documents;
    expect((document as { services: unknown }).services).toEqual({ a: { image: 'busybox', restart: 'no' } });
  });

  it('records the !reset and !override tags on the entries that carry them', () => {
    const [document] = parseComposeYaml('services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: b\n', 'c.yaml').documents;
    const web = (document as { services: { web: object } }).services.web;
    expect(entryTag(web, 'ports')).toBe('reset');
    expect(entryTag(web, 'environment')).toBe('override');
  });

  it('shows the offending line and a caret for a syntax error', () => {
    const error = parseError('services:\n  web:\n    image: nginx\n   ports: [\n');
    expect(error.code).toBe('COMPOSE_YAML_SYNTAX');
    expect(error.position?.file).toBe('compose.yaml');
    expect(error.message).toMatch(/^compose\.yaml:\d+:\d+: invalid YAML: /);
    expect(error.describe()).toContain(' | ');
  });

  it('refuses a key given twice in one mapping, naming its line', () => {
    const error = parseError('services:\n  web:\n    image: a\n    image: b\n');
    expect(error.message).toBe('compose.yaml:4:5: invalid YAML: Map keys must be unique');
  });

  it('gives one document per YAML document in the stream', () => {
    expect(parseComposeYaml('a: 1\n---\nb: 2\n', 'c.yaml').documents).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('numbers as Compose reads them', () => {
  it('reads a plain number with a leading zero as octal, as go-yaml does for file modes', () => {
    const [document] = parseComposeYaml('mode: 0440\nquoted: "0440"\nport: 8080\nzero: 0\n', 'c.yaml').documents;
    expect(document).toEqual({ mode: 0o440, quoted: '0440', port: 8080, zero: 0 });
  });
});
