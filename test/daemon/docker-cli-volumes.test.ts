import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker volume` on berth's daemon, and data that outlives the containers that wrote it. */
describeAsRoot('docker volume on berth daemon', () => {
  const { docker, removeAfterTest } = useDockerCli();

  async function createVolume(name: string): Promise<void> {
    removeAfterTest('volume', name);
    expect(await docker(['volume', 'create', name])).toEqual({ stdout: `${name}\n`, stderr: '', exitCode: 0 });
  }

  it('volume create makes a local volume that volume ls lists', async () => {
    await createVolume('vol-listed');
    expect(await docker(['volume', 'ls'])).toEqual({ stdout: 'DRIVER    VOLUME NAME\nlocal     vol-listed\n', stderr: '', exitCode: 0 });
  });

  it('volume ls --filter narrows the list to the named volume', async () => {
    await createVolume('vol-wanted');
    await createVolume('vol-other');
    expect((await docker(['volume', 'ls', '--filter', 'name=vol-wanted', '--format', '{{.Name}} {{.Driver}}'])).stdout).toBe('vol-wanted local\n');
  });

  it('data written to a volume by one container is read by the next', async () => {
    await createVolume('vol-kept');
    expect((await docker(['run', '--rm', '-v', 'vol-kept:/data', 'busybox', 'sh', '-c', 'echo kept > /data/file'])).exitCode).toBe(0);
    expect(await docker(['run', '--rm', '-v', 'vol-kept:/data', 'busybox', 'cat', '/data/file'])).toEqual({ stdout: 'kept\n', stderr: '', exitCode: 0 });
  });

  it('volume rm removes the volume and prints its name', async () => {
    await docker(['volume', 'create', 'vol-removed']);
    expect(await docker(['volume', 'rm', 'vol-removed'])).toEqual({ stdout: 'vol-removed\n', stderr: '', exitCode: 0 });
    expect((await docker(['volume', 'ls', '--quiet'])).stdout).toBe('');
  });

  it('volume rm refuses a volume a container uses, naming the container', async () => {
    await createVolume('vol-busy');
    removeAfterTest('container', 'vol-busy-user');
    const started = await docker(['run', '-d', '--name', 'vol-busy-user', '-v', 'vol-busy:/data', 'busybox', 'sleep', '300']);
    const result = await docker(['volume', 'rm', 'vol-busy']);
    expect(result).toEqual({ stdout: '', stderr: `Error response from daemon: remove vol-busy: volume is in use - [${started.stdout.trim()}]\n`, exitCode: 1 });
  });

  it('volume rm of an unknown volume fails with dockerd\'s message', async () => {
    expect(await docker(['volume', 'rm', 'no-such-volume'])).toEqual({ stdout: '', stderr: 'Error response from daemon: get no-such-volume: no such volume\n', exitCode: 1 });
  });

  it('run --rm removes the anonymous volume the container made', async () => {
    expect((await docker(['run', '--rm', '-v', '/scratch', 'busybox', 'sh', '-c', 'echo temporary > /scratch/file'])).exitCode).toBe(0);
    expect((await docker(['volume', 'ls', '--quiet'])).stdout).toBe('');
  });
});
