import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../../src/compose-spec/render/index.js';

const document = {
  services: { web: { image: 'nginx', ports: ['8080:80'], environment: { B: 2, A: '${HOME}' } } },
  name: 'raw',
  volumes: { data: null },
};

describe('renderDocument (a model before normalization)', () => {
  it('prints YAML with every map sorted, values as written and dollars untouched', () => {
    expect(renderDocument(document, 'yaml')).toBe(`name: raw
services:
  web:
    environment:
      A: \${HOME}
      B: 2
    image: nginx
    ports:
      - 8080:80
volumes:
  data: null
`);
  });

  it('prints JSON with every map sorted', () => {
    expect(renderDocument({ b: [1, 2.5], a: true }, 'json')).toBe(`{
  "a": true,
  "b": [
    1,
    2.5
  ]
}`);
  });
});
