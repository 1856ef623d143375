import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/compose-spec/index.js';
import { BerthError } from '../../../src/errors/index.js';
import { containerRequest, type OneOffOptions } from '../../../src/scheduler/desired/container-request.js';
import { tempProject } from '../../helpers/temp-project.js';

const yaml = `services:
  web:
    image: nginx
    command: nginx -g "daemon off;"
    user: www
    environment: {A: "1", B: "2"}
    labels: {team: blue}
    restart: always
    ports: ["8080:80"]
    expose: ["9000"]
    networks:
      default: {aliases: [site]}
volumes:
  data: {}
`;

/** The request for a one-off of `web` run from a project directory named `demo`. */
async function oneOffRequest(options: Partial<OneOffOptions>) {
  const directory = tempProject({ 'compose.yaml': yaml }, 'demo');
  const { project } = await loadProject({ workingDir: directory, processEnv: {} });
  const oneOff: OneOffOptions = { name: 'demo-web-run-0123456789ab', ports: 'none', useAliases: false, autoRemove: false, ...options };
  const result = containerRequest({
    project,
    serviceName: 'web',
    number: 1,
    configHash: 'hash',
    workingDir: directory,
    configFiles: [],
    environmentFiles: [],
    containerOfService: () => undefined,
    oneOff,
  });
  return { ...result, directory };
}

describe('the container create request for a one-off (berth run)', () => {
  it('takes the one-off name, marks it oneoff True, and keeps the service labels and --label values', async () => {
    const { name, request } = await oneOffRequest({ labels: { purpose: 'migrate' } });
    expect(name).toBe('demo-web-run-0123456789ab');
    expect(request.Labels).toMatchObject({ 'com.docker.compose.oneoff': 'True', 'com.docker.compose.service': 'web', team: 'blue', purpose: 'migrate' });
  });

  it('overrides the command, user, working directory and environment', async () => {
    const { request } = await oneOffRequest({ command: ['ls', '-l'], user: 'root', workingDir: '/srv', environment: { B: 'override', C: '3' } });
    expect(request).toMatchObject({ Cmd: ['ls', '-l'], User: 'root', WorkingDir: '/srv', Env: ['A=1', 'B=override', 'C=3'] });
  });

  it('clears the command when only the entrypoint is overridden', async () => {
    const { request } = await oneOffRequest({ entrypoint: ['sh', '-c'] });
    expect(request.Entrypoint).toEqual(['sh', '-c']);
    expect(request.Cmd).toEqual([]);
  });

  it('publishes no service ports unless asked, but still exposes them with --service-ports', async () => {
    const plain = await oneOffRequest({});
    expect(plain.request.HostConfig).not.toHaveProperty('PortBindings');
    expect(Object.keys(plain.request.ExposedPorts ?? {})).toEqual(['9000/tcp']);
    const withPorts = await oneOffRequest({ ports: 'service' });
    expect(withPorts.request.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostPort: '8080' }] });
  });

  it('publishes -p ports in short syntax', async () => {
    const { request } = await oneOffRequest({ extraPorts: ['127.0.0.1:5000:5000/udp', '6000'] });
    expect(request.HostConfig?.PortBindings).toEqual({ '5000/udp': [{ HostIp: '127.0.0.1', HostPort: '5000' }], '6000/tcp': [{ HostPort: '' }] });
  });

  it('mounts -v binds from the working directory and -v volumes by their engine name', async () => {
    const { request, directory } = await oneOffRequest({ extraVolumes: ['./scripts:/scripts:ro', 'data:/data'] });
    expect(request.HostConfig?.Binds).toEqual([`${directory}/scripts:/scripts:ro`]);
    expect(request.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: 'demo_data', Target: '/data' }]);
  });

  it('refuses a malformed -p as a usage error naming the flag', async () => {
    const error = await oneOffRequest({ extraPorts: ['80:abc'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).kind).toBe('usage');
    expect((error as BerthError).message).toContain('invalid --publish "80:abc"');
  });

  it('gives only the container name as DNS name unless --use-aliases', async () => {
    const plain = await oneOffRequest({});
    expect(plain.request.NetworkingConfig?.EndpointsConfig?.demo_default?.Aliases).toEqual(['demo-web-run-0123456789ab']);
    const aliased = await oneOffRequest({ useAliases: true });
    expect(aliased.request.NetworkingConfig?.EndpointsConfig?.demo_default?.Aliases).toEqual(['demo-web-run-0123456789ab', 'web', 'site']);
  });

  it('never restarts, removes itself with --rm, and attaches stdin when interactive', async () => {
    const { request } = await oneOffRequest({ autoRemove: true, interactive: true, tty: true });
    expect(request.HostConfig).not.toHaveProperty('RestartPolicy');
    expect(request.HostConfig?.AutoRemove).toBe(true);
    expect(request).toMatchObject({ Tty: true, OpenStdin: true, AttachStdin: true, StdinOnce: true });
  });
});
