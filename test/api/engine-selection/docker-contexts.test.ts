import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContextCatalogue } from '../../../src/api/contexts/index.js';
import { selectEngine } from '../../../src/api/engine-selection.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { tempConfig, writeDockerContext } from './temp-config.js';

describe("the docker CLI's contexts", () => {
  it('are listed beside berth\'s own, marked read-only', () => {
    const config = tempConfig();
    writeDockerContext(config.dockerConfig, 'desktop-linux', 'unix:///home/me/.docker/desktop/docker.sock', 'Docker Desktop');
    new ContextCatalogue({ env: config.env }).create({ name: 'lab', host: 'tcp://lab' });
    const { contexts } = new ContextCatalogue({ env: config.env }).list();
    expect(contexts.map((context) => [context.name, context.store, context.readOnly, context.description])).toEqual([
      ['default', 'built-in', true, "berth's built-in engine"],
      ['desktop-linux', 'docker', true, 'Docker Desktop'],
      ['lab', 'berth', false, ''],
    ]);
  });

  it('are found under ~/.docker when DOCKER_CONFIG is not set', () => {
    const config = tempConfig();
    writeDockerContext(join(config.home, '.docker'), 'from-home', 'tcp://h');
    expect(new ContextCatalogue({ env: { ...config.env, DOCKER_CONFIG: '' } }).get('from-home').store).toBe('docker');
  });

  it("are hidden by berth's context of the same name", () => {
    const config = tempConfig();
    const catalogue = new ContextCatalogue({ env: config.env });
    catalogue.create({ name: 'shared', host: 'tcp://berth-side' });
    writeDockerContext(config.dockerConfig, 'shared', 'tcp://docker-side:2375');
    expect(catalogue.get('shared').host).toBe('tcp://berth-side:2375');
    expect(catalogue.list().contexts.filter((context) => context.name === 'shared')).toHaveLength(1);
  });

  it('are never removed by berth, and their names are not taken', () => {
    const config = tempConfig();
    const directory = writeDockerContext(config.dockerConfig, 'theirs', 'tcp://x');
    const catalogue = new ContextCatalogue({ env: config.env });
    const removal = berthErrorOf(() => catalogue.remove('theirs', { force: true, current: 'default' }));
    expect([removal.code, removal.hint]).toEqual(['CONTEXT_READ_ONLY', 'remove it with "docker context rm theirs"']);
    expect(catalogue.get('theirs').storage.metadataPath).toBe(directory);
    expect(berthErrorOf(() => catalogue.create({ name: 'theirs', host: 'tcp://y' })).code).toBe('CONTEXT_EXISTS');
  });

  it('are read whatever the case of their keys, as Go reads them', () => {
    const config = tempConfig();
    const directory = writeDockerContext(config.dockerConfig, 'lower', 'tcp://ignored');
    writeFileSync(join(directory, 'meta.json'), '{"name":"lower","metadata":{"description":"d"},"endpoints":{"docker":{"host":"tcp://lower:2375"}}}');
    const context = new ContextCatalogue({ env: config.env }).get('lower');
    expect([context.host, context.description]).toEqual(['tcp://lower:2375', 'd']);
  });

  it('that cannot be read become a warning naming the file, and the rest are still listed', () => {
    const config = tempConfig();
    writeDockerContext(config.dockerConfig, 'fine', 'tcp://fine');
    const broken = writeDockerContext(config.dockerConfig, 'broken', 'tcp://broken');
    writeFileSync(join(broken, 'meta.json'), '{not json');
    const { contexts, warnings } = new ContextCatalogue({ env: config.env }).list();
    expect(contexts.map((context) => context.name)).toEqual(['default', 'fine']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`cannot read the docker CLI's context store at ${join(broken, 'meta.json')}`);
  });

  it('that carry TLS certificates are refused with the reason', () => {
    const config = tempConfig();
    writeDockerContext(config.dockerConfig, 'secure', 'tcp://secure:2376');
    const { tlsPath } = new ContextCatalogue({ env: config.env }).get('secure').storage;
    mkdirSync(join(tlsPath, 'docker'), { recursive: true });
    const error = berthErrorOf(() => selectEngine({ context: 'secure', env: config.env }));
    expect(error.message).toBe(`context "secure" connects with TLS certificates (${tlsPath}), which berth does not support yet`);
  });
});
