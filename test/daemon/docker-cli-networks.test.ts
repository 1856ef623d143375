import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker network` on berth's daemon, and containers on a user network finding each other by name. */
describeAsRoot('docker network on berth daemon', () => {
  const { engine, docker, startDocker, removeAfterTest } = useDockerCli();

  async function createNetwork(name: string, ...options: string[]): Promise<string> {
    removeAfterTest('network', name);
    const created = await docker(['network', 'create', ...options, name]);
    expect(created).toMatchObject({ stderr: '', exitCode: 0 });
    expect(created.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    return created.stdout.trim();
  }

  async function runOn(network: string, name: string, command: readonly string[]): Promise<void> {
    removeAfterTest('container', name);
    const started = await docker(['run', '-d', '--name', name, '--network', network, 'busybox', ...command]);
    expect(started.exitCode, started.stderr).toBe(0);
  }

  it('network create makes a bridge network that network ls lists beside the predefined ones', async () => {
    const id = await createNetwork('net-listed');
    const listed = (await docker(['network', 'ls', '--format', '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}'])).stdout.split('\n').filter(Boolean);
    expect(listed).toContain(`${id.slice(0, 12)} net-listed bridge local`);
    expect(listed.map((line) => line.split(' ')[1]).sort()).toEqual(['bridge', 'host', 'net-listed', 'none']);
  });

  it('network ls --filter narrows the list to the named network', async () => {
    await createNetwork('net-filtered');
    expect((await docker(['network', 'ls', '--filter', 'name=net-filtered', '--format', '{{.Name}}'])).stdout).toBe('net-filtered\n');
  });

  it('network create --subnet takes the subnet, which network inspect shows', async () => {
    // A subnet of the engine's leased pool: no other engine on the machine uses it.
    const [first, second] = engine().setup.config['default-address-pools'][0]!.base.split('.');
    const subnet = `${first}.${second}.254.0/24`;
    await createNetwork('net-subnet', '--subnet', subnet);
    expect((await docker(['network', 'inspect', '--format', '{{json .IPAM.Config}} {{.Driver}}', 'net-subnet'])).stdout).toBe(`[{"Subnet":"${subnet}"}] bridge\n`);
  });

  it('network rm removes the network and prints its name', async () => {
    await docker(['network', 'create', 'net-removed']);
    expect(await docker(['network', 'rm', 'net-removed'])).toEqual({ stdout: 'net-removed\n', stderr: '', exitCode: 0 });
    expect((await docker(['network', 'ls', '--filter', 'name=net-removed', '--quiet'])).stdout).toBe('');
  });

  it('network rm of an unknown network fails with dockerd\'s message', async () => {
    expect(await docker(['network', 'rm', 'no-such-network'])).toEqual({ stdout: '', stderr: 'Error response from daemon: network no-such-network not found\nexit status 1\n', exitCode: 1 });
  });

  it('network rm refuses a network a container is on', async () => {
    const id = await createNetwork('net-busy');
    await runOn('net-busy', 'net-busy-user', ['sleep', '300']);
    const result = await docker(['network', 'rm', 'net-busy']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Error response from daemon: error while removing network: network net-busy id ${id} has active endpoints\n`);
  });

  it('a container reaches another on the same user network by its name (ping)', async () => {
    await createNetwork('net-ping');
    await runOn('net-ping', 'net-ping-target', ['sleep', '300']);
    removeAfterTest('container', 'net-ping-client');
    const result = await docker(['run', '--name', 'net-ping-client', '--network', 'net-ping', 'busybox', 'ping', '-c', '1', '-W', '5', 'net-ping-target']);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const address = (await docker(['inspect', '--format', '{{(index .NetworkSettings.Networks "net-ping").IPAddress}}', 'net-ping-target'])).stdout.trim();
    expect(result.stdout).toContain(`PING net-ping-target (${address})`);
    expect(result.stdout).toContain('1 packets transmitted, 1 packets received');
  });

  it('a container connects to another\'s TCP port by its name (nc)', async () => {
    await createNetwork('net-tcp');
    await runOn('net-tcp', 'net-tcp-server', ['sh', '-c', 'echo over-the-network | nc -l -p 7000']);
    removeAfterTest('container', 'net-tcp-client');
    // The server listens a moment after it starts: the client retries until it connects.
    const client = startDocker(['run', '--name', 'net-tcp-client', '--network', 'net-tcp', 'busybox', 'sh', '-c', 'until nc net-tcp-server 7000; do sleep 0.1; done']);
    expect(await client.finished).toMatchObject({ stdout: 'over-the-network\n', exitCode: 0 });
  });
});
