import { describe, expect, it } from 'vitest';
import type { Project } from '../../../src/compose-spec/model/index.js';
import { imageNames, networkNames, serviceNamesInDependencyOrder, volumeNames } from '../../../src/compose-spec/render/index.js';

const project = {
  name: 'shop',
  services: {
    web: { image: 'nginx', depends_on: { api: { condition: 'service_started', required: true } } },
    api: { build: { context: '/src/api' }, depends_on: { db: { condition: 'service_healthy', required: true }, cache: { condition: 'service_started', required: false } } },
    db: { image: 'postgres:15' },
    admin: { image: 'adminer' },
  },
  networks: { front: { name: 'shop_front' }, default: { name: 'shop_default' } },
  volumes: { pgdata: { name: 'shop_pgdata' }, cache: { name: 'shop_cache' } },
} as unknown as Project;

describe('config listings', () => {
  it('lists services with each one after what it depends on, skipping missing dependencies', () => {
    expect(serviceNamesInDependencyOrder(project)).toEqual(['admin', 'db', 'api', 'web']);
  });

  it('lists images, naming a build-only service <project>-<service>', () => {
    expect(imageNames(project)).toEqual(['adminer', 'shop-api', 'postgres:15', 'nginx']);
  });

  it('lists volume and network keys sorted', () => {
    expect(volumeNames(project)).toEqual(['cache', 'pgdata']);
    expect(networkNames(project)).toEqual(['default', 'front']);
  });
});
