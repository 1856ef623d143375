import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { mergeDocuments } from '../../../src/compose-spec/merge/index.js';
import { entryTag, locate } from '../../../src/compose-spec/source/node-meta.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';
import { composeErrorOf } from '../../helpers/error-of.js';

function parse(text: string, file = 'compose.yaml'): Record<string, unknown> {
  return parseComposeYaml(text, file).documents[0] as Record<string, unknown>;
}

function merge(...texts: string[]): Record<string, unknown> {
  return mergeDocuments(texts.map((text, index) => parse(text, `file${index}.yaml`)));
}

function mergeError(...texts: string[]): ComposeError {
  return composeErrorOf(() => merge(...texts));
}

describe('mergeDocuments', () => {
  it('returns an empty document for no documents', () => {
    expect(mergeDocuments([])).toStrictEqual({});
  });

  it('merges three files in order, the last one winning', () => {
    const merged = merge('services:\n  web:\n    image: a\n', 'services:\n  web:\n    image: b\n', 'services:\n  web:\n    image: c\n');
    expect(merged).toStrictEqual({ services: { web: { image: 'c' } } });
  });

  it('appends sequences that have no rule of their own', () => {
    const merged = merge('services:\n  web:\n    security_opt: [a]\n', 'services:\n  web:\n    security_opt: [b]\n');
    expect(merged).toStrictEqual({ services: { web: { security_opt: ['a', 'b'] } } });
  });

  it('merges x- extensions like any other mapping', () => {
    const merged = merge('x-common:\n  a: 1\n  b: [1]\n', 'x-common:\n  b: [2]\n  c: 3\n');
    expect(merged).toStrictEqual({ 'x-common': { a: 1, b: [1, 2], c: 3 } });
  });

  it('replaces a command given as a string by one given as a list, and the other way round', () => {
    const merged = merge('services:\n  a:\n    command: run\n  b:\n    command: [x, y]\n', 'services:\n  a:\n    command: [go]\n  b:\n    command: go\n');
    expect(merged).toStrictEqual({ services: { a: { command: ['go'] }, b: { command: 'go' } } });
  });

  it('keeps an environment variable without a value as null when merging a list into a mapping', () => {
    const merged = merge('services:\n  web:\n    environment: {A: x}\n', 'services:\n  web:\n    environment: [A, B=]\n');
    expect(merged).toStrictEqual({ services: { web: { environment: { A: null, B: '' } } } });
  });

  it('keeps the first place and the last value of a key written twice in one environment list', () => {
    const merged = merge('services:\n  web:\n    environment: [A=1, B=2, A=3]\n');
    expect(merged).toStrictEqual({ services: { web: { environment: ['A=3', 'B=2'] } } });
  });

  it('de-duplicates the ports of a single file by their published, target, protocol and host address', () => {
    const merged = merge('services:\n  web:\n    ports: ["80:80", "0.0.0.0:80:80/tcp", "[::1]:80:80", {target: 80, host_ip: "::1", published: 80}]\n');
    expect(merged).toStrictEqual({ services: { web: { ports: ['0.0.0.0:80:80/tcp', { target: 80, host_ip: '::1', published: 80 }] } } });
  });

  it('keeps a port range apart from the single ports it covers', () => {
    const merged = merge('services:\n  web:\n    ports: ["8000-8001:80-81"]\n', 'services:\n  web:\n    ports: ["8000:80"]\n');
    expect(merged).toStrictEqual({ services: { web: { ports: ['8000-8001:80-81', '8000:80'] } } });
  });

  it('de-duplicates devices by their container path', () => {
    const merged = merge('services:\n  web:\n    devices: ["/dev/a:/dev/x", "/dev/b"]\n', 'services:\n  web:\n    devices: ["/dev/c:/dev/x:rwm", {source: /dev/d, target: /dev/b}]\n');
    expect(merged).toStrictEqual({ services: { web: { devices: ['/dev/c:/dev/x:rwm', { source: '/dev/d', target: '/dev/b' }] } } });
  });

  it('merges the aliases of a service network without repeating one', () => {
    const merged = merge('services:\n  web:\n    networks:\n      front:\n        aliases: [a, b]\n', 'services:\n  web:\n    networks:\n      front:\n        aliases: [b, c]\n');
    expect(merged).toStrictEqual({ services: { web: { networks: { front: { aliases: ['a', 'b', 'c'] } } } } });
  });

  it('refuses to merge a sequence into a mapping, saying where the later value is', () => {
    const error = mergeError('services:\n  web:\n    gpus: [{driver: nvidia}]\n', 'services:\n  web:\n    gpus: all\n');
    expect(error.code).toBe('COMPOSE_MERGE');
    expect(error.message).toBe('file1.yaml:3:11: services.web.gpus: this value is a string but an earlier definition is a sequence, and they cannot be merged');
    expect(error.hint).toBe('write this attribute in the same form in every file, or tag the later value with !override to replace the earlier one');
  });

  it('lets !override replace a value of another form', () => {
    const merged = merge('services:\n  web:\n    gpus: [{driver: nvidia}]\n', 'services:\n  web:\n    gpus: !override all\n');
    expect(merged).toStrictEqual({ services: { web: { gpus: 'all' } } });
  });

  it('keeps where each merged entry was written', () => {
    const merged = merge('services:\n  web:\n    image: a\n    ports: ["80:80"]\n', 'services:\n  web:\n    ports:\n      - "443:443"\n    user: root\n');
    expect(locate(merged, ['services', 'web', 'image'])).toEqual({ file: 'file0.yaml', line: 3, column: 12 });
    expect(locate(merged, ['services', 'web', 'user'])).toEqual({ file: 'file1.yaml', line: 5, column: 11 });
    expect(locate(merged, ['services', 'web', 'ports', 1])).toEqual({ file: 'file1.yaml', line: 4, column: 9 });
  });
});

describe('!reset and !override', () => {
  it('removes an attribute tagged !reset in a single file', () => {
    expect(merge('services:\n  web:\n    image: a\n    ports: !reset ["80:80"]\n')).toStrictEqual({ services: { web: { image: 'a' } } });
  });

  it('removes a sequence item tagged !reset and keeps the others in place', () => {
    const merged = merge('services:\n  web:\n    ports:\n      - "80:80"\n      - !reset "81:81"\n      - "82:82"\n');
    expect(merged).toStrictEqual({ services: { web: { ports: ['80:80', '82:82'] } } });
    expect(locate(merged, ['services', 'web', 'ports', 1])).toEqual({ file: 'file0.yaml', line: 6, column: 9 });
  });

  it('resets an attribute of an earlier file and leaves its siblings', () => {
    const merged = merge('services:\n  web:\n    image: a\n    dns: [1.1.1.1]\n', 'services:\n  web:\n    dns: !reset []\n');
    expect(merged).toStrictEqual({ services: { web: { image: 'a' } } });
  });

  it('resets a key of an environment written as a list in the earlier file', () => {
    const merged = merge('services:\n  web:\n    environment: [A=1, B=2]\n', 'services:\n  web:\n    environment:\n      A: !reset null\n');
    expect(merged).toStrictEqual({ services: { web: { environment: { B: '2' } } } });
  });

  it('replaces a mapping whole with !override instead of merging it', () => {
    const merged = merge('services:\n  web:\n    environment: {A: "1", B: "2"}\n', 'services:\n  web:\n    environment: !override {C: "3"}\n');
    expect(merged).toStrictEqual({ services: { web: { environment: { C: '3' } } } });
  });

  it('replaces a sequence whole with !override instead of appending to it', () => {
    const merged = merge('services:\n  web:\n    ports: ["80:80", "443:443"]\n', 'services:\n  web:\n    ports: !override ["8080:80"]\n');
    expect(merged).toStrictEqual({ services: { web: { ports: ['8080:80'] } } });
  });

  it('leaves no tag in the merged document', () => {
    const merged = merge('services:\n  web:\n    image: a\n', 'services:\n  web:\n    labels: !override {a: b}\n    build:\n      args: !override [X=1]\n');
    const web = (merged.services as Record<string, Record<string, unknown>>).web!;
    expect(entryTag(web, 'labels')).toBeUndefined();
    expect(entryTag(web.build as object, 'args')).toBeUndefined();
    expect(merged).toStrictEqual({ services: { web: { image: 'a', labels: { a: 'b' }, build: { args: ['X=1'] } } } });
  });

  it('applies a !reset of a later file to a whole service', () => {
    const merged = merge('services:\n  web:\n    image: a\n  db:\n    image: b\n', 'services:\n  db: !reset {}\n');
    expect(merged).toStrictEqual({ services: { web: { image: 'a' } } });
  });
});
