import { expect, it } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawRequest } from './raw-request.js';

interface DiskUsage {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number; Containers: number }[];
  Containers: { Id: string; SizeRw: number; SizeRootFs: number }[];
  Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[];
  BuildCache: unknown[];
}

describeAsRoot('system df', () => {
  const fixture = useApiServer();

  it('counts a container writable layer, its volume data and users, and the image layers once', async () => {
    const image = await fixture.engine.image('busybox');
    const containers = fixture.parts().containers;
    await fixture.parts().volumes.create({ Name: 'df-data' });
    const { Id } = await containers.create({
      Image: image,
      Cmd: ['sh', '-c', 'head -c 5000 /dev/zero > /written && head -c 3000 /dev/zero > /data/file'],
      HostConfig: { NetworkMode: 'none', Binds: ['df-data:/data'] },
    });
    await containers.start(Id);
    expect((await containers.wait(Id)).StatusCode).toBe(0);

    const response = await rawRequest(fixture.socketPath(), 'GET', '/v1.41/system/df');
    expect(response.status).toBe(200);
    const usage = JSON.parse(response.body) as DiskUsage;
    const busybox = usage.Images.find((entry) => entry.Id === containers.inspect(Id).Image)!;
    expect(busybox).toMatchObject({ Containers: 1, SharedSize: 0 });
    expect(usage.LayersSize).toBe(usage.Images.reduce((total, entry) => total + entry.Size, 0));
    const container = usage.Containers.find((entry) => entry.Id === Id)!;
    expect(container.SizeRw).toBeGreaterThanOrEqual(5000);
    expect(container.SizeRootFs).toBe(container.SizeRw + busybox.Size);
    expect(usage.Volumes.find((entry) => entry.Name === 'df-data')!.UsageData).toEqual({ Size: 3000, RefCount: 1 });
    expect(usage.BuildCache).toEqual([]);

    await containers.remove(Id);
    await fixture.parts().volumes.remove('df-data');
  });

  it('docker system df adds it up per type', async () => {
    await fixture.engine.image('busybox');
    await fixture.parts().volumes.create({ Name: 'df-empty' });
    const result = await fixture.docker(['system', 'df', '--format', '{{.Type}} {{.TotalCount}} {{.Active}}']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['Images 1 0', 'Containers 0 0', 'Local Volumes 1 0', 'Build Cache 0 0', '']);
    await fixture.parts().volumes.remove('df-empty');
  });
});
