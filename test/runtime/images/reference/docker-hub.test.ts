import { describe, expect, it } from 'vitest';
import { isDockerHub, registryHost } from '../../../../src/runtime/images/reference/index.js';

describe('Docker Hub names', () => {
  it('knows each name Docker Hub goes by and nothing else', () => {
    for (const domain of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) expect(isDockerHub(domain), domain).toBe(true);
    for (const domain of ['ghcr.io', 'localhost:5000', 'docker.io:443', 'hub.docker.com', 'Docker.io']) expect(isDockerHub(domain), domain).toBe(false);
  });

  it('sends Docker Hub requests to registry-1.docker.io and other registries to themselves', () => {
    expect(registryHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryHost('index.docker.io')).toBe('registry-1.docker.io');
    expect(registryHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(registryHost('[::1]:5000')).toBe('[::1]:5000');
  });
});
