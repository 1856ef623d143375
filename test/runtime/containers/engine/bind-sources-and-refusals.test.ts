import { describeAsRoot } from '../../../harness/root.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ContainerCreateRequest } from '../../../../src/api/types/containers.js';
import { useEngine } from './engine-fixture.js';

describeAsRoot("the container engine's bind sources, and the create requests it refuses", () => {
  const fixture = useEngine();
  const host = mkdtempSync(join(tmpdir(), 'berth-binds-'));
  afterAll(() => rmSync(host, { recursive: true, force: true }));

  it('creates a missing Binds source directory at each start, as Docker does for -v and Compose for create_host_path', async () => {
    const engine = fixture.engine();
    const source = join(host, 'made', 'by', 'start');
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sh', '-c', 'echo written > /data/file'], HostConfig: { Binds: [`${source}:/data`] } });
    // Docker makes it when the container starts, not when it is created.
    expect(existsSync(source)).toBe(false);
    await engine.start(Id);
    expect(await engine.wait(Id)).toMatchObject({ StatusCode: 0 });
    expect(readFileSync(join(source, 'file'), 'utf8')).toBe('written\n');
    expect(engine.inspect(Id).Mounts).toEqual([{ Type: 'bind', Source: source, Destination: '/data', Mode: '', RW: true, Propagation: 'rprivate' }]);

    // Gone from the host between two runs: the next start makes it again.
    rmSync(join(host, 'made'), { recursive: true });
    await engine.start(Id);
    expect(await engine.wait(Id)).toMatchObject({ StatusCode: 0 });
    expect(readFileSync(join(source, 'file'), 'utf8')).toBe('written\n');
  });

  it("refuses bad mounts and working directories at create with Docker's words, and makes nothing for them", async () => {
    const engine = fixture.engine();
    const image = await fixture.image('busybox');
    const missing = join(host, 'missing');
    const refused: Array<[Omit<ContainerCreateRequest, 'Image'>, string]> = [
      [{ HostConfig: { Mounts: [{ Type: 'bind', Source: missing, Target: '/data' }] } }, `invalid mount config for type "bind": bind source path does not exist: ${missing}`],
      [{ WorkingDir: 'app' }, "the working directory 'app' is invalid, it needs to be an absolute path"],
      [{ HostConfig: { Binds: [`${host}:/data/../etc`] } }, `the mount path '/data/../etc' contains ".."`],
      [{ HostConfig: { Binds: ['cache/v1:/cache'] } }, 'create cache/v1: "cache/v1" includes invalid characters for a local volume name'],
    ];
    for (const [request, message] of refused) {
      await expect(engine.create({ Image: image, Cmd: ['true'], ...request }, 'refused')).rejects.toThrow(message);
    }
    expect(engine.list({ all: true })).toEqual([]);
    expect(readdirSync(join(fixture.root, 'state', 'containers'))).toEqual([]);
    expect(await engine.volumes.list()).toEqual([]);
    expect(existsSync(missing)).toBe(false);
    // The name was given back each time.
    await engine.create({ Image: image, Cmd: ['true'] }, 'refused');
  });
});
