import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/compose-spec/index.js';
import { BerthError } from '../../../src/errors/index.js';
import { containerRequest, type ContainerRequestInput } from '../../../src/scheduler/desired/container-request.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Loads `compose.yaml` (and any other files) from a fresh project directory named `demo`. */
async function load(yaml: string, files: Record<string, string> = {}) {
  const directory = tempProject({ 'compose.yaml': yaml, ...files }, 'demo');
  const loaded = await loadProject({ workingDir: directory, processEnv: {} });
  return { project: loaded.project, directory };
}

/** The request for replica 1 of `service`, other services' containers named `demo-<service>-1`. */
async function requestFor(yaml: string, service: string, extra: Partial<ContainerRequestInput> = {}) {
  const { project, directory } = await load(yaml);
  return containerRequest({
    project,
    serviceName: service,
    number: 1,
    configHash: 'hash-1',
    workingDir: directory,
    configFiles: [join(directory, 'compose.yaml')],
    environmentFiles: [],
    containerOfService: (other) => `demo-${other}-1`,
    ...extra,
  });
}

describe('the container create request for a service', () => {
  it('names the container <project>-<service>-<n>, or container_name when written', async () => {
    const yaml = 'services:\n  web: {image: nginx}\n  db: {image: pg, container_name: the-db}\n';
    expect((await requestFor(yaml, 'web', { number: 3 })).name).toBe('demo-web-3');
    expect((await requestFor(yaml, 'db')).name).toBe('the-db');
  });

  it('runs the image with the command, and an empty entrypoint list clears the image entrypoint', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    command: echo "hi there"\n    entrypoint: []\n', 'web');
    expect(request.Image).toBe('nginx');
    expect(request.Cmd).toEqual(['echo', 'hi there']);
    expect(request.Entrypoint).toEqual([]);
  });

  it('leaves Cmd and Entrypoint out when the service does not set them, so the image decides', async () => {
    const { request } = await requestFor('services:\n  web: {image: nginx}\n', 'web');
    expect(request).not.toHaveProperty('Cmd');
    expect(request).not.toHaveProperty('Entrypoint');
  });

  it('names a build-only service image <project>-<service>', async () => {
    const { request } = await requestFor('services:\n  app: {build: .}\n', 'app');
    expect(request.Image).toBe('demo-app');
  });

  it('sends the environment as NAME=value and skips names the environment does not set', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    environment:\n      A: "1"\n      EMPTY: ""\n      UNSET:\n', 'web');
    expect(request.Env).toEqual(['A=1', 'EMPTY=']);
  });

  it('converts health check durations to nanoseconds and the grace period to seconds', async () => {
    const yaml = `services:
  web:
    image: nginx
    stop_grace_period: 1m30s
    stop_signal: SIGINT
    healthcheck: {test: curl -f localhost, interval: 1m30s, timeout: 5s, retries: 2, start_period: 500ms}
`;
    const { request } = await requestFor(yaml, 'web');
    expect(request.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 90e9, Timeout: 5e9, StartPeriod: 5e8, Retries: 2 });
    expect(request.StopTimeout).toBe(90);
    expect(request.StopSignal).toBe('SIGINT');
  });

  it('turns a disabled health check into Test ["NONE"]', async () => {
    const { request } = await requestFor('services:\n  web: {image: nginx, healthcheck: {disable: true}}\n', 'web');
    expect(request.Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it('writes the compose labels over the service labels', async () => {
    const yaml = `services:
  web:
    image: nginx
    labels: {team: blue, com.docker.compose.project: fake}
    depends_on:
      db: {condition: service_healthy, restart: true}
      cache: {condition: service_started}
  db: {image: pg}
  cache: {image: redis}
`;
    const { project, directory } = await load(yaml);
    const { request } = containerRequest({
      project,
      serviceName: 'web',
      number: 2,
      configHash: 'abc123',
      workingDir: directory,
      configFiles: ['/x/compose.yaml', '/x/compose.override.yaml'],
      environmentFiles: ['/x/.env'],
      containerOfService: () => undefined,
    });
    expect(request.Labels).toEqual({
      team: 'blue',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': 'abc123',
      'com.docker.compose.project.working_dir': directory,
      'com.docker.compose.project.config_files': '/x/compose.yaml,/x/compose.override.yaml',
      'com.docker.compose.project.environment_file': '/x/.env',
      'com.docker.compose.depends_on': 'cache:service_started:false,db:service_healthy:true',
      'com.docker.compose.image': 'nginx',
      'com.docker.compose.version': '2.29.0',
    });
  });

  it('leaves the environment_file label out when no env file was read', async () => {
    const { request } = await requestFor('services:\n  web: {image: nginx}\n', 'web');
    expect(request.Labels).not.toHaveProperty('com.docker.compose.project.environment_file');
  });
});

describe('ports', () => {
  it('publishes ports as Docker expects: host address, host port, "" for an engine-chosen port', async () => {
    const yaml = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80", "127.0.0.1:5353:53/udp", "9000"]\n    expose: ["3000", "4000/udp"]\n';
    const { request } = await requestFor(yaml, 'web');
    expect(request.HostConfig?.PortBindings).toEqual({
      '80/tcp': [{ HostPort: '8080' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
      '9000/tcp': [{ HostPort: '' }],
    });
    expect(Object.keys(request.ExposedPorts ?? {}).sort()).toEqual(['3000/tcp', '4000/udp', '53/udp', '80/tcp', '9000/tcp']);
  });

  it('pairs a host range with a container range port by port, and keeps a range whole for one container port', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    ports: ["8000-8001:80-81", "9000-9009:90"]\n', 'web');
    expect(request.HostConfig?.PortBindings).toEqual({
      '80/tcp': [{ HostPort: '8000' }],
      '81/tcp': [{ HostPort: '8001' }],
      '90/tcp': [{ HostPort: '9000-9009' }],
    });
  });

  it('binds one container port to several host ports', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    ports: ["8080:80", "127.0.0.1:8081:80"]\n', 'web');
    expect(request.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '8081' }] });
  });
});

describe('networks', () => {
  const yaml = `services:
  web:
    image: nginx
    networks:
      back: {ipv4_address: 172.30.0.5}
      front: {priority: 10, aliases: [www]}
      admin: {}
networks:
  front: {}
  back: {name: shared-back}
  admin: {}
`;

  it('joins the highest-priority network at creation, keyed by its engine name, with the container and service names as aliases', async () => {
    const { request } = await requestFor(yaml, 'web');
    expect(request.HostConfig?.NetworkMode).toBe('demo_front');
    expect(request.NetworkingConfig).toEqual({ EndpointsConfig: { demo_front: { Aliases: ['demo-web-1', 'web', 'www'] } } });
  });

  it('connects the other networks afterwards, by name when priorities tie, with their fixed addresses', async () => {
    const { extraNetworks } = await requestFor(yaml, 'web');
    expect(extraNetworks).toEqual([
      { network: 'demo_admin', endpoint: { Aliases: ['demo-web-1', 'web'] } },
      { network: 'shared-back', endpoint: { Aliases: ['demo-web-1', 'web'], IPAMConfig: { IPv4Address: '172.30.0.5' } } },
    ]);
  });

  it('puts a service without networks on the project default network', async () => {
    const { request, extraNetworks } = await requestFor('services:\n  web: {image: nginx}\n', 'web');
    expect(request.HostConfig?.NetworkMode).toBe('demo_default');
    expect(Object.keys(request.NetworkingConfig?.EndpointsConfig ?? {})).toEqual(['demo_default']);
    expect(extraNetworks).toEqual([]);
  });

  it('shares the network namespace of another service container for network_mode service:X', async () => {
    const yaml = 'services:\n  vpn: {image: vpn}\n  app: {image: app, network_mode: "service:vpn"}\n';
    const { request, extraNetworks } = await requestFor(yaml, 'app', { containerOfService: (service) => (service === 'vpn' ? 'demo-vpn-1' : undefined) });
    expect(request.HostConfig?.NetworkMode).toBe('container:demo-vpn-1');
    expect(request).not.toHaveProperty('NetworkingConfig');
    expect(extraNetworks).toEqual([]);
  });

  it('refuses network_mode service:X when X has no container, and says which service to start', async () => {
    const yaml = 'services:\n  vpn: {image: vpn}\n  app: {image: app, network_mode: "service:vpn"}\n';
    const error = await requestFor(yaml, 'app', { containerOfService: () => undefined }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('SERVICE_CONTAINER_MISSING');
    expect((error as BerthError).hint).toContain('berth up vpn');
  });

  it('passes host and none network modes through without a NetworkingConfig', async () => {
    const { request } = await requestFor('services:\n  web: {image: nginx, network_mode: host}\n', 'web');
    expect(request.HostConfig?.NetworkMode).toBe('host');
    expect(request).not.toHaveProperty('NetworkingConfig');
  });

  it('resolves ipc and pid service:X, volumes_from services keeping :ro, and links as container:alias', async () => {
    const yaml = `services:
  db: {image: pg}
  app:
    image: app
    ipc: service:db
    pid: service:db
    volumes_from: [db, "db:ro", "container:other:ro"]
    links: [db, "db:database"]
    external_links: [legacy]
`;
    const { request } = await requestFor(yaml, 'app');
    expect(request.HostConfig).toMatchObject({
      IpcMode: 'container:demo-db-1',
      PidMode: 'container:demo-db-1',
      VolumesFrom: ['demo-db-1', 'demo-db-1:ro', 'other:ro'],
      Links: ['demo-db-1:db', 'demo-db-1:database', 'legacy:legacy'],
    });
    expect(request.NetworkingConfig?.EndpointsConfig?.demo_default?.Links).toEqual(['demo-db-1:db', 'demo-db-1:database', 'legacy:legacy']);
  });

  it('sets the container MAC address from the service or its first network, as API 1.41 allows one', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    networks:\n      default: {mac_address: "02:42:ac:11:00:02"}\n', 'web');
    expect(request.MacAddress).toBe('02:42:ac:11:00:02');
  });

  it('refuses a service MAC address that differs from its first network one, rather than drop one', async () => {
    const yaml = 'services:\n  web:\n    image: nginx\n    mac_address: "02:42:ac:11:00:03"\n    networks:\n      default: {mac_address: "02:42:ac:11:00:02"}\n';
    const error = await requestFor(yaml, 'web').catch((caught: unknown) => caught);
    expect((error as BerthError).code).toBe('MAC_ADDRESS_UNSUPPORTED');
  });
});

describe('mounts', () => {
  it('sends short-syntax binds as Binds so the engine creates a missing host path', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    volumes: ["./html:/usr/share/nginx/html:ro", "./conf:/etc/conf:z"]\n', 'web');
    const directory = request.Labels?.['com.docker.compose.project.working_dir'];
    expect(request.HostConfig?.Binds).toEqual([`${directory}/html:/usr/share/nginx/html:ro`, `${directory}/conf:/etc/conf:rw,z`]);
    expect(request.HostConfig).not.toHaveProperty('Mounts');
  });

  it('mounts named volumes by their engine name, anonymous volumes without a source, tmpfs with size and mode', async () => {
    const yaml = `services:
  web:
    image: nginx
    volumes:
      - data:/data:ro
      - {type: volume, source: cache, target: /cache, volume: {nocopy: true}}
      - /scratch
      - {type: tmpfs, target: /tmp, tmpfs: {size: 1m, mode: 0o1777}}
      - {type: bind, source: /srv, target: /srv, bind: {propagation: rshared}}
volumes:
  data: {}
  cache: {name: shared-cache}
`;
    const { request } = await requestFor(yaml, 'web');
    expect(request.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'demo_data', Target: '/data', ReadOnly: true },
      { Type: 'volume', Source: 'shared-cache', Target: '/cache', VolumeOptions: { NoCopy: true } },
      { Type: 'volume', Target: '/scratch' },
      { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1777 } },
      { Type: 'bind', Source: '/srv', Target: '/srv', BindOptions: { Propagation: 'rshared' } },
    ]);
  });

  it('uses the Mount API for a bind that must not create its host path', async () => {
    const yaml = 'services:\n  web:\n    image: nginx\n    volumes:\n      - {type: bind, source: /srv, target: /srv, read_only: true, bind: {create_host_path: false}}\n';
    const { request } = await requestFor(yaml, 'web');
    expect(request.HostConfig?.Mounts).toEqual([{ Type: 'bind', Source: '/srv', Target: '/srv', ReadOnly: true }]);
  });

  it('re-attaches the replaced container anonymous volumes, at the service targets and at image VOLUME paths', async () => {
    const anonymous = 'a'.repeat(64);
    const imageVolume = 'b'.repeat(64);
    const { request } = await requestFor('services:\n  db:\n    image: pg\n    volumes: ["/var/lib/data"]\n', 'db', {
      inheritedAnonymousVolumes: [
        { name: anonymous, target: '/var/lib/data' },
        { name: imageVolume, target: '/var/lib/postgresql' },
      ],
    });
    expect(request.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: anonymous, Target: '/var/lib/data' },
      { Type: 'volume', Source: imageVolume, Target: '/var/lib/postgresql' },
    ]);
  });

  it('bind-mounts file secrets read-only under /run/secrets and file configs at / or their target', async () => {
    const yaml = `services:
  web:
    image: nginx
    secrets: [token, {source: key, target: tls.key}]
    configs: [site, {source: extra, target: /etc/extra.conf}, from-env]
secrets:
  token: {file: ./token.txt}
  key: {file: ./key.pem}
configs:
  site: {file: ./site.conf}
  extra: {file: ./extra.conf}
  from-env: {environment: HOME}
`;
    const { project, directory } = await load(yaml, { 'token.txt': 't', 'key.pem': 'k', 'site.conf': 's', 'extra.conf': 'e' });
    const { request } = containerRequest({
      project,
      serviceName: 'web',
      number: 1,
      configHash: '',
      workingDir: directory,
      configFiles: [],
      environmentFiles: [],
      containerOfService: () => undefined,
    });
    expect(request.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: join(directory, 'token.txt'), Target: '/run/secrets/token', ReadOnly: true },
      { Type: 'bind', Source: join(directory, 'key.pem'), Target: '/run/secrets/tls.key', ReadOnly: true },
      { Type: 'bind', Source: join(directory, 'site.conf'), Target: '/site', ReadOnly: true },
      { Type: 'bind', Source: join(directory, 'extra.conf'), Target: '/etc/extra.conf', ReadOnly: true },
    ]);
  });

  it('splits tmpfs strings into the Tmpfs map', async () => {
    const { request } = await requestFor('services:\n  web:\n    image: nginx\n    tmpfs: ["/run:size=64m,mode=1777", "/tmp"]\n', 'web');
    expect(request.HostConfig?.Tmpfs).toEqual({ '/run': 'size=64m,mode=1777', '/tmp': '' });
  });
});

describe('host options', () => {
  it('maps restart policies, on-failure with its retry count', async () => {
    const yaml = 'services:\n  a: {image: x, restart: "on-failure:3"}\n  b: {image: x, restart: unless-stopped}\n  c: {image: x, restart: "no"}\n  d: {image: x}\n';
    expect((await requestFor(yaml, 'a')).request.HostConfig?.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect((await requestFor(yaml, 'b')).request.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect((await requestFor(yaml, 'c')).request.HostConfig?.RestartPolicy).toEqual({ Name: 'no' });
    expect((await requestFor(yaml, 'd')).request.HostConfig).not.toHaveProperty('RestartPolicy');
  });

  it('sends limits in bytes and nano-CPUs, and deploy limits when the service has none', async () => {
    const yaml = `services:
  a: {image: x, mem_limit: 512m, memswap_limit: 1g, mem_reservation: 256m, cpus: 1.5, pids_limit: 100, shm_size: 64m, cpu_shares: 512}
  b:
    image: x
    deploy: {resources: {limits: {memory: 1g, cpus: "0.25", pids: 50}}}
`;
    expect((await requestFor(yaml, 'a')).request.HostConfig).toMatchObject({
      Memory: 512 * 1024 ** 2,
      MemorySwap: 1024 ** 3,
      MemoryReservation: 256 * 1024 ** 2,
      NanoCpus: 1_500_000_000,
      PidsLimit: 100,
      ShmSize: 64 * 1024 ** 2,
      CpuShares: 512,
    });
    expect((await requestFor(yaml, 'b')).request.HostConfig).toMatchObject({ Memory: 1024 ** 3, NanoCpus: 250_000_000, PidsLimit: 50 });
  });

  it('passes the security, namespace and DNS options through, with extra_hosts as host:ip', async () => {
    const yaml = `services:
  web:
    image: nginx
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    privileged: true
    read_only: true
    init: true
    user: "1000:1000"
    working_dir: /app
    hostname: web1
    domainname: example.com
    tty: true
    stdin_open: true
    security_opt: [no-new-privileges:true]
    sysctls: {net.core.somaxconn: "1024"}
    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 65535}
    dns: [1.1.1.1]
    dns_search: [example.com]
    dns_opt: [ndots:2]
    extra_hosts: ["db=10.0.0.2"]
    group_add: [audio]
    uts: host
    userns_mode: host
    cgroup: private
    oom_score_adj: -500
    runtime: runc
    devices: ["/dev/fuse"]
    logging: {driver: json-file, options: {max-size: 10m}}
`;
    const { request } = await requestFor(yaml, 'web');
    expect(request).toMatchObject({ User: '1000:1000', WorkingDir: '/app', Hostname: 'web1', Domainname: 'example.com', Tty: true, OpenStdin: true });
    expect(request.HostConfig).toMatchObject({
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['ALL'],
      Privileged: true,
      ReadonlyRootfs: true,
      Init: true,
      SecurityOpt: ['no-new-privileges:true'],
      Sysctls: { 'net.core.somaxconn': '1024' },
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 2048 },
        { Name: 'nproc', Soft: 65535, Hard: 65535 },
      ],
      Dns: ['1.1.1.1'],
      DnsSearch: ['example.com'],
      DnsOptions: ['ndots:2'],
      ExtraHosts: ['db:10.0.0.2'],
      GroupAdd: ['audio'],
      UTSMode: 'host',
      UsernsMode: 'host',
      CgroupnsMode: 'private',
      OomScoreAdj: -500,
      Runtime: 'runc',
      Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } },
    });
  });
});
