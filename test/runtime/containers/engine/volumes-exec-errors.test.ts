import { describeAsRoot } from '../../../harness/root.js';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { logText, useEngine } from './engine-fixture.js';

describeAsRoot("the container engine's volumes, exec and refusals", () => {
  const fixture = useEngine();

  it('keeps a file in a named volume across removing the container and creating another', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const first = await engine.create({ Image: image, Cmd: ['sh', '-c', 'echo kept > /data/file'], HostConfig: { Binds: ['keep-me:/data'] } });
    await engine.start(first.Id);
    expect(await engine.wait(first.Id)).toMatchObject({ StatusCode: 0 });
    expect(engine.inspect(first.Id).Mounts).toEqual([{ Type: 'volume', Name: 'keep-me', Source: engine.volumes.mountpoint('keep-me'), Destination: '/data', Driver: 'local', Mode: 'z', RW: true, Propagation: '' }]);
    await engine.remove(first.Id, { volumes: true });

    const second = await engine.create({ Image: image, Cmd: ['cat', '/data/file'], HostConfig: { Binds: ['keep-me:/data'] } });
    await engine.start(second.Id);
    expect(await engine.wait(second.Id)).toMatchObject({ StatusCode: 0 });
    expect(await logText(engine, second.Id)).toBe('kept\n');
    await engine.remove(second.Id);
    await engine.volumes.remove('keep-me');
  });

  it('removes anonymous volumes with the container only when asked (rm -v)', async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const kept = await engine.create({ Image: image, Cmd: ['true'], Volumes: { '/scratch': {} } });
    const [keptVolume] = engine.inspect(kept.Id).Mounts;
    expect(keptVolume).toMatchObject({ Type: 'volume', Destination: '/scratch', Name: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await engine.remove(kept.Id);
    expect(existsSync(keptVolume!.Source)).toBe(true);
    await engine.volumes.remove(keptVolume!.Name!);

    const removed = await engine.create({ Image: image, Cmd: ['true'], Volumes: { '/scratch': {} } });
    const [removedVolume] = engine.inspect(removed.Id).Mounts;
    await engine.remove(removed.Id, { volumes: true });
    expect(existsSync(removedVolume!.Source)).toBe(false);
    await expect(engine.volumes.inspect(removedVolume!.Name!)).rejects.toThrow(/no such volume/i);
  });

  it("answers an exec with its exit code and output, run as the container's process is", async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sleep', '1000'], Env: ['FROM_CONTAINER=yes'], HostConfig: { CapDrop: ['CHOWN'] } });
    await engine.start(Id);
    const result = await engine.exec(Id, { Cmd: ['sh', '-c', 'echo "$FROM_CONTAINER $FROM_EXEC $(pwd)"; grep CapEff /proc/self/status; echo oops >&2; exit 5'], Env: ['FROM_EXEC=too'], WorkingDir: '/etc' });
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toMatch(/^yes too \/etc\nCapEff:\s+00000000a80425fa\n$/);
    expect(result.stderr).toBe('oops\n');
    const asNobody = await engine.exec(Id, { Cmd: ['id', '-u'], User: 'nobody' });
    expect(asNobody).toEqual({ exitCode: 0, stdout: '65534\n', stderr: '' });
  });

  it("refuses what Docker refuses, with Docker's words", async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    await expect(engine.create({ Image: '127.0.0.1:1/nosuch:1' })).rejects.toThrow('No such image: 127.0.0.1:1/nosuch:1');
    const { Id } = await engine.create({ Image: image, Cmd: ['sleep', '1000'] }, 'refusals');
    await expect(engine.create({ Image: image }, 'refusals')).rejects.toThrow(`Conflict. The container name "/refusals" is already in use by container "${Id}". You have to remove (or rename) that container to be able to reuse that name.`);
    await expect(engine.pause(Id)).rejects.toThrow(`Container ${Id} is not running`);
    await expect(engine.kill(Id)).rejects.toThrow(`Container ${Id} is not running`);
    await expect(engine.exec(Id, { Cmd: ['true'] })).rejects.toThrow(`Container ${Id} is not running`);
    await engine.start(Id);
    expect(await engine.start(Id)).toEqual({ changed: false });
    await expect(engine.unpause(Id)).rejects.toThrow(`Container ${Id} is not paused`);
    await expect(engine.remove(Id)).rejects.toThrow(`You cannot remove a running container ${Id}. Stop the container before attempting removal or force remove`);
    await engine.pause(Id);
    await expect(engine.start(Id)).rejects.toThrow('cannot start a paused container, try unpause instead');
    await expect(engine.exec(Id, { Cmd: ['true'] })).rejects.toThrow(`Container ${Id} is paused, unpause the container before exec`);
    await expect(engine.remove(Id)).rejects.toThrow(`You cannot remove a paused container ${Id}. Unpause and then stop the container before attempting removal or force remove`);
    await expect(engine.kill(Id, 'SIGNOPE')).rejects.toThrow('Invalid signal: SIGNOPE');
    await engine.unpause(Id);
    await engine.kill(Id, 'KILL');
    expect(await engine.wait(Id)).toMatchObject({ StatusCode: 137 });
    expect(() => engine.inspect('nosuch')).toThrow('No such container: nosuch');
  });

  it('records a start that fails before the process runs, and leaves the container startable', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['/no/such/binary'] });
    await expect(engine.start(Id)).rejects.toThrow(/no such file or directory/);
    expect(engine.inspect(Id).State).toMatchObject({ Status: 'created', Running: false, ExitCode: 127, Error: expect.stringMatching(/no such file or directory/) });
  });
});
