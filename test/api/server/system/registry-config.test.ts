import { describe, expect, it } from 'vitest';
import { registryConfig } from '../../../../src/api/server/router/system/registry-config.js';

describe('info RegistryConfig', () => {
  it('lists mirrors in dockerd form under docker.io, insecure CIDRs apart from insecure hosts', () => {
    const config = registryConfig({ mirrors: ['http://127.0.0.1:5000', 'https://mirror.example/'], insecureRegistries: ['10.0.0.0/8', 'registry.lan:5000'] });
    expect(config.Mirrors).toEqual(['http://127.0.0.1:5000/', 'https://mirror.example/']);
    expect(config.InsecureRegistryCIDRs).toEqual(['127.0.0.0/8', '10.0.0.0/8']);
    expect(config.IndexConfigs).toEqual({
      'docker.io': { Name: 'docker.io', Mirrors: ['http://127.0.0.1:5000/', 'https://mirror.example/'], Secure: true, Official: true },
      'registry.lan:5000': { Name: 'registry.lan:5000', Mirrors: [], Secure: false, Official: false },
    });
  });

  it('always has loopback insecure, once, and no mirrors when none are set', () => {
    const config = registryConfig({ insecureRegistries: ['127.0.0.0/8'] });
    expect(config.InsecureRegistryCIDRs).toEqual(['127.0.0.0/8']);
    expect(config.Mirrors).toEqual([]);
  });
});
