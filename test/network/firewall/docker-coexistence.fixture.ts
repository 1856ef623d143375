// The coexistence scenario, run by docker-coexistence.test.ts in a network namespace of its own
// (`unshare --net`): a dockerd with iptables on sets FORWARD's policy to DROP, which on the host
// would drop the bridged traffic of every other test running at the time. Inside, this process is
// "the host": an eth0 with 192.0.2.2 (a veth: this kernel has no dummy links), dockerd, and berth's firewall with the lab's bridges.
// It prints one JSON line of observations for the test to judge, and cleans up after itself.
import { execFileSync } from 'node:child_process';
import { Firewall } from '../../../src/network/firewall/index.js';
import { startDockerEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { call, runToExit } from '../../harness/raw-calls.js';
import { createLab, hostAddress } from './lab.js';
import { requestFromNamespace, tcpRequest } from './traffic.js';

const prefix = 'BTCOEX';
const ip = (...args: string[]): void => void execFileSync('ip', args);
// A new namespace copies IPv4 forwarding from the host's, which a berth engine of a parallel test
// may have turned on; dockerd sets FORWARD's policy to DROP only when it turns forwarding on itself.
execFileSync('sysctl', ['-qw', 'net.ipv4.ip_forward=0']);
ip('link', 'set', 'lo', 'up');
ip('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0-peer');
ip('address', 'add', '192.0.2.2/24', 'dev', 'eth0');
ip('link', 'set', 'eth0-peer', 'up');
ip('link', 'set', 'eth0', 'up');
ip('route', 'add', 'default', 'via', '192.0.2.1');

/** filter and nat as iptables-save prints them, without comments and packet counters: dockerd's rules, and berth's while they exist. */
function filterAndNat(): string[] {
  let table = '';
  return execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((line) => {
      if (line.startsWith('*')) table = line.slice(1);
      return (table === 'filter' || table === 'nat') && !line.startsWith('#');
    })
    .map((line) => line.replace(/ \[\d+:\d+\]$/, ''));
}

const forwardRules = (): string[] => filterAndNat().filter((line) => line.startsWith('-A FORWARD '));
const observations: Record<string, unknown> = {};
const engine = await startDockerEngine({ iptables: true });
const lab = createLab();
const firewall = new Firewall({ chainPrefix: prefix });
try {
  const image = await ensureBusyboxImage(engine);
  await call(engine, 'POST', '/networks/create', { Name: 'coexist-a', Driver: 'bridge' });
  const { Id } = JSON.parse(
    await call(engine, 'POST', '/containers/create', {
      Image: image,
      Cmd: ['nc', '-ll', '-p', '80', '-e', 'echo', 'docker-answer'],
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { NetworkMode: 'coexist-a', PortBindings: { '80/tcp': [{ HostPort: '8081' }] } },
    }),
  ) as { Id: string };
  await call(engine, 'POST', `/containers/${Id}/start`);
  const inspect = JSON.parse(await call(engine, 'GET', `/containers/${Id}/json`)) as { NetworkSettings: { Networks: Record<string, { IPAddress: string }> } };
  const dockerContainerIp = inspect.NetworkSettings.Networks['coexist-a']?.IPAddress ?? '';
  observations.forwardPolicy = /^:FORWARD (\w+)/m.exec(filterAndNat().join('\n'))?.[1];
  const dockerRules = filterAndNat();

  const network = lab.network();
  const [client, server] = [lab.container(network), lab.container(network)];
  const outside = lab.outside();
  await firewall.setupNetwork(network);
  await lab.servePeerAddress(server.namespace, 'tcp', 80);
  await lab.servePeerAddress(outside.namespace, 'tcp', 80);
  const [port] = await firewall.publishPorts(server, [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }]);
  const hostPort = port?.hostPort ?? 0;
  observations.berthJumpFirst = forwardRules()[0]?.endsWith(`-j ${prefix}-FORWARD`);

  const checks = async (when: string): Promise<void> => {
    observations[`${when}:published on 127.0.0.1`] = await tcpRequest('127.0.0.1', hostPort).catch((error: Error) => error.message);
    observations[`${when}:published on the host address`] = await tcpRequest(hostAddress(), hostPort).catch((error: Error) => error.message);
    observations[`${when}:between berth containers`] = (await requestFromNamespace(client.namespace, 'tcp', server.containerIp, 80)).answer;
    observations[`${when}:hairpin`] = (await requestFromNamespace(client.namespace, 'tcp', hostAddress(), hostPort)).answer;
    observations[`${when}:egress`] = (await requestFromNamespace(client.namespace, 'tcp', outside.address, 80)).answer;
    observations[`${when}:berth to the docker container`] = (await requestFromNamespace(client.namespace, 'tcp', dockerContainerIp, 80, 1)).answer;
    observations[`${when}:host to the docker container`] = await tcpRequest(dockerContainerIp, 80).catch((error: Error) => error.message);
    const fromDocker = async (address: string, port: number): Promise<string> => {
      const run = await runToExit(engine, { Image: image, Cmd: ['nc', '-w', '1', address, String(port)], HostConfig: { NetworkMode: 'coexist-a' } });
      return run.exitCode === 0 && run.output.includes('.') ? 'answered' : 'no answer';
    };
    observations[`${when}:docker container to berth`] = await fromDocker(server.containerIp, 80);
    observations[`${when}:docker container to berth's published port`] = await fromDocker(hostAddress(), hostPort);
  };
  await checks('berth first');
  // dockerd puts its own rules above berth's jump when it creates a network after berth did.
  await call(engine, 'POST', '/networks/create', { Name: 'coexist-b', Driver: 'bridge' });
  observations.berthJumpFirstAfterDockerNetwork = forwardRules()[0]?.endsWith(`-j ${prefix}-FORWARD`);
  await checks('docker network after berth');

  await firewall.releaseContainer(client);
  await firewall.releaseContainer(server);
  await firewall.removeNetwork(network);
  await firewall.removeAll();
  await call(engine, 'DELETE', '/networks/coexist-b');
  const after = filterAndNat();
  observations.dockerRulesUnchanged = JSON.stringify(after) === JSON.stringify(dockerRules);
  if (!observations.dockerRulesUnchanged) observations.dockerRulesDiff = { before: dockerRules.filter((line) => !after.includes(line)), after: after.filter((line) => !dockerRules.includes(line)) };
  observations.berthLinesLeft = execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter((line) => line.includes(prefix));
  observations.addresses = { berthServer: server.containerIp, berthGateway: network.gateway, outsideHost: outside.hostAddress, host: hostAddress() };
} finally {
  await firewall.removeAll().catch(() => undefined);
  await lab.destroy();
  await engine.stop();
}
process.stdout.write(`${JSON.stringify(observations)}\n`);
