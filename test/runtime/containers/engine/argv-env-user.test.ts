import { describeAsRoot } from '../../../harness/root.js';
import { expect, it } from 'vitest';
import { eventually, runToExit, useEngine } from './engine-fixture.js';

const standardPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// The node fixture: Entrypoint ["docker-entrypoint.sh"] (which puts `node` before arguments that
// are not a command), Cmd ["node"], a `node` user (uid and gid 1000). The postgres fixture:
// Entrypoint ["docker-entrypoint.sh"], Cmd ["postgres"], Env with PATH, LANG, PG_MAJOR and PGDATA.
describeAsRoot("the container engine merges a container's argv, environment and user with its image's", () => {
  const fixture = useEngine();

  it("runs the image's entrypoint before the container's Cmd, and only the container's Entrypoint when it sets one", async () => {
    const engine = fixture.engine();
    const node = await fixture.image('node');
    const [cmdOnly, entrypointOnly] = await Promise.all([
      runToExit(engine, { Image: node, Cmd: ['-e', 'console.log(6 * 7, process.argv0)'] }),
      // Were the image's Cmd kept, this would be `id -u node`: 1000.
      runToExit(engine, { Image: node, Entrypoint: ['id', '-u'] }),
    ]);
    expect(cmdOnly).toMatchObject({ exitCode: 0, log: '42 node\n' });
    expect(engine.inspect(cmdOnly.id)).toMatchObject({ Path: 'docker-entrypoint.sh', Args: ['-e', 'console.log(6 * 7, process.argv0)'] });
    expect(entrypointOnly).toMatchObject({ exitCode: 0, log: '0\n' });
    expect(engine.inspect(entrypointOnly.id)).toMatchObject({ Path: 'id', Args: ['-u'] });
  });

  it("gives the container's Env precedence over the image's, through the postgres image's entrypoint", async () => {
    const engine = fixture.engine();
    const postgres = await fixture.image('postgres');
    const [version, env] = await Promise.all([
      runToExit(engine, { Image: postgres, Cmd: ['psql', '--version'] }),
      runToExit(engine, { Image: postgres, Cmd: ['sh', '-c', 'echo "$PGDATA|$PG_MAJOR|$LANG|$APP_MODE|$HOME"'], Env: ['PGDATA=/srv/pgdata', 'APP_MODE=test'] }),
    ]);
    expect(version).toMatchObject({ exitCode: 0, log: expect.stringMatching(/^psql \(PostgreSQL\) 15\.\d+/) });
    expect(env).toMatchObject({ exitCode: 0, log: '/srv/pgdata|15|C.UTF-8|test|/root\n' });
    expect(engine.inspect(env.id).Config.Env).toEqual(['PGDATA=/srv/pgdata', 'APP_MODE=test', `PATH=${standardPath}:/usr/lib/postgresql/15/bin`, 'LANG=C.UTF-8', 'PG_MAJOR=15']);
  });

  it('runs as the User given by name, uid:gid or a uid the image does not know, with GroupAdd, in a WorkingDir made when missing', async () => {
    const engine = fixture.engine();
    const node = await fixture.image('node');
    const whoami = ['sh', '-c', 'echo "$(id) home=$HOME cwd=$(pwd) $(stat -c %U:%a .)"'];
    const results = await Promise.all(
      [
        { User: 'node', HostConfig: { GroupAdd: ['audio', '4000'] } },
        { User: '1000:1000' },
        { User: 'nobody' },
        { User: '4242', WorkingDir: '/does/not/exist' },
      ].map((config) => runToExit(engine, { Image: node, Entrypoint: whoami, ...config })),
    );
    expect(results.map(({ exitCode, log }) => ({ exitCode, log }))).toEqual([
      { exitCode: 0, log: 'uid=1000(node) gid=1000(node) groups=1000(node),29(audio),4000 home=/home/node cwd=/ root:755\n' },
      { exitCode: 0, log: 'uid=1000(node) gid=1000(node) groups=1000(node) home=/home/node cwd=/ root:755\n' },
      { exitCode: 0, log: 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup) home=/nonexistent cwd=/ root:755\n' },
      { exitCode: 0, log: 'uid=4242 gid=0(root) groups=0(root) home=/ cwd=/does/not/exist root:755\n' },
    ]);
  });

  it('runs tini as PID 1 with Init, which reaps an orphan that exits; without it the orphan stays a zombie', async () => {
    const engine = fixture.engine();
    const busybox = await fixture.image('busybox');
    const zombies = ['sh', '-c', 'grep -l "^State:.Z" /proc/[0-9]*/status | wc -l'];
    // The exec's shell leaves a child that outlives it: the child is handed to the container's PID 1.
    const orphan = ['sh', '-c', 'sleep 0.1 & exit 0'];
    // The container with init gets its orphan first, so once the other's has died, this one's has too.
    const [withInit, without] = await Promise.all([
      engine.create({ Image: busybox, Cmd: ['sleep', '1000'], HostConfig: { Init: true } }),
      engine.create({ Image: busybox, Cmd: ['sleep', '1000'] }),
    ]);
    for (const { Id } of [withInit, without]) {
      await engine.start(Id);
      await engine.exec(Id, { Cmd: orphan });
    }
    const cmdline = await engine.exec(withInit.Id, { Cmd: ['sh', '-c', 'tr "\\0" " " < /proc/1/cmdline'] });
    expect(cmdline.stdout).toBe('/sbin/docker-init -- sleep 1000 ');
    await eventually(async () => (await engine.exec(without.Id, { Cmd: zombies })).stdout === '1\n', 'a zombie under sleep as PID 1');
    expect((await engine.exec(withInit.Id, { Cmd: zombies })).stdout).toBe('0\n');
  });
});
