import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ComposeError, loadProject } from '../../../src/compose-spec/index.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * Whatever a user writes, the loader either returns a project or throws its own ComposeError
 * (which the CLI prints with a position and a hint). Anything else would be a stack trace.
 */
async function outcome(text: string, directory: string): Promise<'loaded' | 'refused'> {
  try {
    await loadProject({ workingDir: directory, files: ['-'], processEnv: { HOME: '/root' }, readStdin: () => text });
    return 'loaded';
  } catch (error) {
    if (error instanceof ComposeError) return 'refused';
    throw error;
  }
}

const seed = {
  name: 'fuzz',
  services: {
    web: {
      image: 'nginx:${TAG:-1.25}',
      build: { context: '.', args: ['A=1'] },
      command: 'nginx -g "daemon off;"',
      ports: ['8080:80', { target: 443, published: '8443', protocol: 'tcp' }],
      volumes: ['./html:/usr/share/nginx/html:ro', 'data:/data', { type: 'tmpfs', target: '/tmp' }],
      environment: ['A=b', 'C'],
      depends_on: { db: { condition: 'service_healthy' } },
      healthcheck: { test: 'curl -f http://localhost', interval: '10s', retries: 3 },
      networks: ['front'],
      deploy: { replicas: 2, resources: { limits: { memory: '512m' } } },
      extends: { service: 'base' },
      profiles: ['web'],
    },
    base: { image: 'busybox', labels: { a: 'b' } },
    db: { image: 'postgres:15', secrets: ['pw'], configs: [{ source: 'conf', target: '/etc/conf' }] },
  },
  networks: { front: { driver: 'bridge' } },
  volumes: { data: {} },
  secrets: { pw: { file: './pw.txt' } },
  configs: { conf: { content: 'x' } },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces the value at a random path of the seed document with an arbitrary value. */
function mutate(document: Json, choices: number[], replacement: Json): Json {
  const [choice, ...rest] = choices;
  if (choice === undefined || document === null || typeof document !== 'object') return replacement;
  if (Array.isArray(document)) {
    if (document.length === 0) return replacement;
    const index = choice % document.length;
    return document.map((item, i) => (i === index ? mutate(item, rest, replacement) : item));
  }
  const keys = Object.keys(document);
  if (keys.length === 0) return replacement;
  const key = keys[choice % keys.length]!;
  return { ...document, [key]: mutate(document[key]!, rest, replacement) };
}

const runs = { numRuns: 150 };

describe('the loader under random input', () => {
  const directory = tempProject({ 'pw.txt': 'secret\n' });

  it('never throws anything but its own error for random documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await outcome(stringify(value), directory);
      }),
      runs,
    );
  });

  it('never throws anything but its own error for mutated compose files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), async (path, replacement) => {
        await outcome(stringify(mutate(seed as Json, path, replacement as Json)), directory);
      }),
      runs,
    );
  });

  it('never throws anything but its own error for damaged YAML text', async () => {
    const text = stringify(seed);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 8 }), async (at, cut, insert) => {
        await outcome(text.slice(0, at) + insert + text.slice(at + cut), directory);
      }),
      runs,
    );
  });

  it('loads the seed document itself', async () => {
    expect(await outcome(stringify(seed), directory)).toBe('loaded');
  });
});
