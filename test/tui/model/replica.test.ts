import { describe, expect, it } from 'vitest';
import type { ContainerHealth, ContainerInspect, ContainerState, PortBinding } from '../../../src/api/index.js';
import { replicaOf, stateText, uptime } from '../../../src/tui/model/replica.js';

const neverStarted = '0001-01-01T00:00:00Z';

/** An inspect answer for container `/demo-<name>`, running since 10:00 unless told otherwise. */
function inspectOf(name: string, state: Partial<ContainerState> = {}, ports: Record<string, PortBinding[] | null> = {}): ContainerInspect {
  return {
    Id: `id-${name}`,
    Name: `/demo-${name}`,
    RestartCount: 0,
    State: { Status: 'running', Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 42, ExitCode: 0, Error: '', StartedAt: '2026-11-23T10:00:00.5Z', FinishedAt: neverStarted, ...state },
    Config: { Image: 'nginx:1.25', Labels: { 'com.docker.compose.container-number': name.split('-').at(-1)! } },
    NetworkSettings: { SandboxKey: '', Ports: ports, Networks: {}, IPAddress: '', Gateway: '' },
  } as unknown as ContainerInspect;
}

function health(status: ContainerHealth['Status'], outputs: string[] = []): ContainerHealth {
  return { Status: status, FailingStreak: 0, Log: outputs.map((Output) => ({ Start: '', End: '', ExitCode: 0, Output })) };
}

describe('replicaOf', () => {
  it('names the replica without the project and takes its number, image and restart count', () => {
    const replica = replicaOf({ ...inspectOf('web-2'), RestartCount: 3 }, 'demo');
    expect(replica).toMatchObject({ id: 'id-web-2', name: 'web-2', number: 2, image: 'nginx:1.25', restartCount: 3 });
  });

  it('says running for a running container with no health check, since when it started', () => {
    const replica = replicaOf(inspectOf('web-1'), 'demo');
    expect(replica.state).toBe('running');
    expect(replica.startedAt).toBe(Date.parse('2026-11-23T10:00:00.5Z'));
    expect(replica.exitCode).toBeUndefined();
    expect(replica.lastCheck).toBeUndefined();
  });

  it('says running when the health status is none', () => {
    expect(replicaOf(inspectOf('web-1', { Health: health('none', ['ignored']) }), 'demo')).toMatchObject({ state: 'running' });
    expect(replicaOf(inspectOf('web-1', { Health: health('none', ['ignored']) }), 'demo').lastCheck).toBeUndefined();
  });

  it('says starting while the first checks run', () => {
    expect(replicaOf(inspectOf('db-1', { Health: health('starting') }), 'demo').state).toBe('starting');
  });

  it('says healthy, with the last check output', () => {
    const replica = replicaOf(inspectOf('db-1', { Health: health('healthy', ['old output\n', 'accepting connections\n']) }), 'demo');
    expect(replica.state).toBe('healthy');
    expect(replica.lastCheck).toBe('accepting connections');
  });

  it("says unhealthy, with the last line of the last check's output", () => {
    const output = 'pg_isready: checking\n/var/run/postgresql:5432 - no response\n\n';
    const replica = replicaOf(inspectOf('db-1', { Health: health('unhealthy', ['first check', output]) }), 'demo');
    expect(replica.state).toBe('unhealthy');
    expect(replica.lastCheck).toBe('/var/run/postgresql:5432 - no response');
  });

  it('has no check output when the check printed nothing', () => {
    expect(replicaOf(inspectOf('db-1', { Health: health('unhealthy', ['  \n']) }), 'demo').lastCheck).toBeUndefined();
  });

  it('says exited with the exit code and no uptime', () => {
    const replica = replicaOf(inspectOf('job-1', { Status: 'exited', Running: false, ExitCode: 1, FinishedAt: '2026-11-23T10:01:00Z' }), 'demo');
    expect(replica).toMatchObject({ state: 'exited', exitCode: 1 });
    expect(replica.startedAt).toBeUndefined();
    expect(stateText(replica)).toBe('exited (1)');
  });

  it('says exited (0) for a job that succeeded', () => {
    expect(stateText(replicaOf(inspectOf('job-1', { Status: 'exited', Running: false, ExitCode: 0 }), 'demo'))).toBe('exited (0)');
  });

  it('says restarting for a container between restarts', () => {
    const replica = replicaOf(inspectOf('web-1', { Status: 'restarting', Running: true, Restarting: true }), 'demo');
    expect(replica.state).toBe('restarting');
    expect(stateText(replica)).toBe('restarting');
  });

  it('says created for a container never started, without an uptime', () => {
    const replica = replicaOf(inspectOf('web-1', { Status: 'created', Running: false, StartedAt: neverStarted }), 'demo');
    expect(replica.state).toBe('created');
    expect(replica.startedAt).toBeUndefined();
    expect(replica.exitCode).toBeUndefined();
  });

  it('shows published ports as host:port->container, the TCP suffix dropped and UDP kept', () => {
    const replica = replicaOf(inspectOf('web-1', {}, {
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
      '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    }), 'demo');
    expect(replica.ports).toEqual(['0.0.0.0:5353->53/udp', '127.0.0.1:8080->80']);
  });

  it('shows one entry for a port Docker binds on IPv4 and IPv6, and 0.0.0.0 for no host address', () => {
    const replica = replicaOf(inspectOf('web-1', {}, {
      '443/tcp': [{ HostIp: '', HostPort: '8443' }, { HostIp: '::', HostPort: '8443' }],
      '9000/tcp': null,
    }), 'demo');
    expect(replica.ports).toEqual(['0.0.0.0:8443->443']);
  });
});

describe('uptime', () => {
  const start = Date.parse('2026-11-23T10:00:00Z');
  const after = (seconds: number) => uptime(start, start + seconds * 1000);

  it('counts seconds, then minutes, then hours and minutes, then days', () => {
    expect(after(3)).toBe('3s');
    expect(after(59)).toBe('59s');
    expect(after(60)).toBe('1m');
    expect(after(4 * 60 + 59)).toBe('4m');
    expect(after(2 * 3600 + 5 * 60)).toBe('2h 5m');
    expect(after(2 * 3600)).toBe('2h');
    expect(after(3 * 86400 + 7200)).toBe('3d');
  });

  it('says 0s when the clock is behind the start', () => {
    expect(uptime(start, start - 5000)).toBe('0s');
  });
});
