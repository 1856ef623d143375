import { describeAsRoot } from '../../../harness/root.js';
import { expect, it } from 'vitest';
import { eventually, logText, useEngine } from './engine-fixture.js';

const seconds = 1e9;

// The compose example's database: the postgres fixture with a password and pg_isready as its
// health check. It runs with `NetworkMode: none`: a network namespace of its own with `lo` alone.
// pg_isready asks on 127.0.0.1, where only the final server listens: the entrypoint's temporary
// server (initdb's, listen_addresses='') answers on the Unix socket, and would pass a probe there
// just before it shuts down.
describeAsRoot('the postgres fixture under the container engine', () => {
  const fixture = useEngine();

  it('initialises its database with POSTGRES_PASSWORD, becomes healthy, and answers a query through exec', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({
      Image: await fixture.image('postgres'),
      Env: ['POSTGRES_PASSWORD=secret', 'POSTGRES_USER=app', 'POSTGRES_DB=app'],
      Healthcheck: { Test: ['CMD-SHELL', 'pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'], Interval: 0.5 * seconds, Timeout: 5 * seconds, Retries: 120 },
      HostConfig: { NetworkMode: 'none' },
    });
    const [data] = engine.inspect(Id).Mounts;
    expect(data).toMatchObject({ Type: 'volume', Destination: '/var/lib/postgresql/data' });
    await engine.start(Id);
    await eventually(() => {
      const { State } = engine.inspect(Id);
      if (State.Status === 'exited') throw new Error(`postgres exited with ${State.ExitCode}`);
      return State.Health?.Status === 'healthy';
    }, 'a healthy database', 120_000);
    const query = await engine.exec(Id, { Cmd: ['psql', '-U', 'app', '-d', 'app', '--no-psqlrc', '--tuples-only', '--no-align', '--command', 'select 40 + 2'], User: 'postgres' });
    expect(query).toEqual({ exitCode: 0, stdout: '42\n', stderr: '' });
    // Its StopSignal is SIGINT (the image's): a fast shutdown, well within the grace period.
    await engine.stop(Id);
    expect(engine.inspect(Id).State.ExitCode).toBe(0);
    expect(await logText(engine, Id)).toMatch(/database system is shut down/);
  }, 180_000);
});
