import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawRequest } from './raw-request.js';

describeAsRoot('ping and version', () => {
  const fixture = useApiServer();

  it('docker version shows berth as the server, with API 1.41 and runc', async () => {
    const result = await fixture.docker(['version', '--format', '{{json .Server}}']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const server = JSON.parse(result.stdout) as { Platform: { Name: string }; Components: { Name: string; Version: string }[]; ApiVersion: string; MinAPIVersion: string; Os: string; Arch: string };
    expect(server.Platform.Name).toBe('berth');
    expect(server.ApiVersion).toBe('1.41');
    expect(server.MinAPIVersion).toBe('1.12');
    expect(server.Os).toBe('linux');
    expect(['amd64', 'arm64']).toContain(server.Arch);
    expect(server.Components.map((component) => component.Name)).toEqual(['Engine', 'runc']);
    expect(server.Components[1]!.Version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('docker version prints the engine section a person reads', async () => {
    const result = await fixture.docker(['version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Server: berth/);
    expect(result.stdout).toMatch(/API version:\s+1\.41 \(minimum version 1\.12\)/);
    expect(result.stdout).toMatch(/Go version:\s+node v\d+/);
    expect(result.stdout).toMatch(/runc:\s+Version:\s+\d/);
  });

  it('GET /_ping answers OK as plain text with the version headers', async () => {
    const response = await rawRequest(fixture.socketPath(), 'GET', '/_ping');
    expect(response.status).toBe(200);
    expect(response.body).toBe('OK');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['api-version']).toBe('1.41');
    expect(response.headers['ostype']).toBe('linux');
    expect(response.headers['docker-experimental']).toBe('false');
  });

  it('HEAD /_ping answers the same headers and no body, with or without a version prefix', async () => {
    for (const path of ['/_ping', '/v1.41/_ping']) {
      const response = await rawRequest(fixture.socketPath(), 'HEAD', path);
      expect(response.status).toBe(200);
      expect(response.body).toBe('');
      expect(response.headers['api-version']).toBe('1.41');
      expect(response.headers['server']).toMatch(/^berth\//);
    }
  });

  it('GET /version answers the engine component with its API versions', async () => {
    const response = await rawRequest(fixture.socketPath(), 'GET', '/v1.24/version');
    expect(response.status).toBe(200);
    const version = JSON.parse(response.body) as { Components: { Name: string; Details: Record<string, string> }[]; KernelVersion: string };
    expect(version.Components[0]).toMatchObject({ Name: 'Engine', Details: { ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux' } });
    expect(version.KernelVersion).not.toBe('');
  });
});
