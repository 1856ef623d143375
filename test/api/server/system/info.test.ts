import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawRequest } from './raw-request.js';

describeAsRoot('info', () => {
  const fixture = useApiServer();

  it('docker info counts the engine containers by state and its images', async () => {
    const image = await fixture.engine.image('busybox');
    const containers = fixture.parts().containers;
    const running = await containers.create({ Image: image, Cmd: ['sleep', '60'], HostConfig: { NetworkMode: 'none' } });
    await containers.start(running.Id);
    await containers.create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    const result = await fixture.docker(['info', '--format', '{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}} {{.Images}}']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe('2 1 0 1 1');
    await containers.pause(running.Id);
    await eventually(() => containers.inspect(running.Id).State.Paused, 'the container paused');
    const paused = await fixture.docker(['info', '--format', '{{.ContainersRunning}} {{.ContainersPaused}}']);
    expect(paused.stdout.trim()).toBe('0 1');
  });

  it('docker info shows the engine facts a person reads', async () => {
    const result = await fixture.docker(['info']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Server Version: 0\.0\.0-test/);
    expect(result.stdout).toMatch(/Storage Driver: overlay2/);
    expect(result.stdout).toMatch(/Logging Driver: json-file/);
    expect(result.stdout).toMatch(/Cgroup Driver: cgroupfs/);
    expect(result.stdout).toMatch(/Default Runtime: runc/);
    expect(result.stdout).toMatch(/runc version: \S+/);
    expect(result.stdout).toMatch(/Operating System: \S+/);
    expect(result.stdout).toMatch(/ID: TEST:ENGINE/);
    expect(result.stdout).toMatch(/Docker Root Dir: \/tmp\/\S+\/state/);
    expect(result.stdout).toMatch(/Insecure Registries:\n\s+127\.0\.0\.0\/8/);
    expect(result.stdout).toMatch(/seccomp\n\s+Profile: default/);
  });

  it('GET /info answers the host facts in Docker names', async () => {
    const response = await rawRequest(fixture.socketPath(), 'GET', '/v1.41/info');
    expect(response.status).toBe(200);
    const info = JSON.parse(response.body) as Record<string, unknown>;
    expect(info.NCPU).toBeGreaterThan(0);
    expect(info.MemTotal).toBeGreaterThan(0);
    expect(info.OSType).toBe('linux');
    expect(['1', '2']).toContain(info.CgroupVersion);
    expect(info.Runtimes).toEqual({ runc: { path: 'runc' } });
    expect(info.Warnings).toBeNull();
    expect(info.RegistryConfig).toMatchObject({ IndexConfigs: { 'docker.io': { Name: 'docker.io', Secure: true, Official: true } } });
  });
});
