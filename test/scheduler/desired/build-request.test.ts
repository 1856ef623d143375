import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../../src/compose-spec/index.js';
import { mergeBuildArgs, parseBuildArgEntries } from '../../../src/scheduler/desired/build-args.js';
import { buildPlatform, normalizePlatform } from '../../../src/scheduler/desired/build-platform.js';
import { buildRequest, type BuildRequestInput } from '../../../src/scheduler/desired/build-request.js';
import { resolveBuildSecrets } from '../../../src/scheduler/desired/build-secrets.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { demoProject } from '../plan/plan-fixtures.js';

const native = 'linux/amd64';
const input = (overrides: Partial<BuildRequestInput> = {}): BuildRequestInput => ({ environment: {}, nativePlatform: native, ...overrides });

/** The directory demoProject loads from: the context paths are made absolute against it. */
const directoryOf = (project: Project): string => project.services.web!.build!.context!.replace(/\/app$/, '');

describe('buildRequest: a service\'s build section as POST /build options', () => {
  it('tags the service image, then build.tags, and sends the section\'s fields by their API names', async () => {
    const project = await demoProject(`services:
  web:
    build:
      context: ./app
      dockerfile: docker/Web.Dockerfile
      args: {VERSION: "1.2", EMPTY: ""}
      labels: {team: core}
      target: runtime
      network: none
      extra_hosts: ["db.local=10.0.0.5"]
      cache_from: [demo-web:cache]
      shm_size: 64m
      no_cache: true
      pull: true
      tags: ["registry.example/web:1"]
`);
    const request = buildRequest(project, 'web', input());
    expect(request.image).toBe('demo-web');
    expect(request.context).toBe(join(directoryOf(project), 'app'));
    expect(request.dockerfile).toBe('docker/Web.Dockerfile');
    expect(request.options).toEqual({
      tags: ['demo-web', 'registry.example/web:1'],
      buildArgs: { EMPTY: '', VERSION: '1.2' },
      labels: { team: 'core', 'com.docker.compose.version': '2.29.0', 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web' },
      noCache: true,
      pull: true,
      target: 'runtime',
      networkMode: 'none',
      extraHosts: ['db.local:10.0.0.5'],
      cacheFrom: ['demo-web:cache'],
      shmSize: 64 * 1024 * 1024,
    });
  });

  it('uses image: as the first tag and dockerfile_inline as the Dockerfile', async () => {
    const project = await demoProject('services:\n  web:\n    image: registry.example/web:2\n    build:\n      context: ./app\n      dockerfile_inline: "FROM scratch\\n"\n');
    const request = buildRequest(project, 'web', input());
    expect(request.options.tags).toEqual(['registry.example/web:2']);
    expect(request.dockerfile).toEqual({ inline: 'FROM scratch\n' });
  });

  it('adds the command line\'s settings: --build-arg over args, --no-cache, --pull, -q', async () => {
    const project = await demoProject('services:\n  web:\n    build: {context: ./app, args: {A: compose, B: compose}}\n');
    const request = buildRequest(project, 'web', input({ settings: { args: { B: 'cli', C: null }, noCache: true, pull: true, quiet: true }, environment: { C: 'from-env' } }));
    expect(request.options).toMatchObject({ buildArgs: { A: 'compose', B: 'cli', C: 'from-env' }, noCache: true, pull: true, quiet: true });
  });

  it('refuses a context that is not a local directory, naming the service', async () => {
    const project = await demoProject('services:\n  web:\n    build: https://github.com/example/web.git\n');
    expect(berthErrorOf(() => buildRequest(project, 'web', input()))).toMatchObject({
      code: 'BUILD_CONTEXT_REMOTE',
      message: 'service "web": the build context "https://github.com/example/web.git" is not a local directory, and berth builds only from local ones',
    });
  });
});

describe('mergeBuildArgs', () => {
  it('lets --build-arg win, fills valueless names from the environment and leaves out the unset ones', () => {
    expect(mergeBuildArgs({ A: '1', B: '2', UNSET: null }, { B: 'cli', FROM_ENV: null, ALSO_UNSET: null }, { FROM_ENV: 'env', UNSET: undefined })).toEqual({ A: '1', B: 'cli', FROM_ENV: 'env' });
  });

  it('keeps an empty value, which is not the same as no value', () => {
    expect(mergeBuildArgs({ EMPTY: '' }, undefined, { EMPTY: 'env' })).toEqual({ EMPTY: '' });
  });

  it('sorts the names', () => {
    expect(Object.keys(mergeBuildArgs({ Z: '1', A: '1' }, { M: '1' }, {}))).toEqual(['A', 'M', 'Z']);
  });
});

describe('parseBuildArgEntries', () => {
  it('reads NAME=value (the value may hold =), NAME alone as the environment\'s, the later entry winning', () => {
    expect(parseBuildArgEntries(['A=1', 'B', 'C=x=y', 'A=2', 'D='])).toEqual({ A: '2', B: null, C: 'x=y', D: '' });
  });

  it('refuses an entry without a name', () => {
    expect(berthErrorOf(() => parseBuildArgEntries(['=1']))).toMatchObject({ code: 'USAGE', kind: 'usage', message: '--build-arg "=1": the argument has no name' });
  });
});

describe('resolveBuildSecrets', () => {
  const compose = `services:
  web:
    build:
      context: .
      secrets: [token, {source: cert, target: tls}]
secrets:
  token: {environment: API_TOKEN}
  cert: {file: ./cert.pem}
`;

  it('reads file: and environment: secrets, keyed by target when there is one', async () => {
    const project = await demoProject(compose);
    const read: string[] = [];
    const secrets = resolveBuildSecrets(project, 'web', {
      environment: { API_TOKEN: 's3cret' },
      readFile: (path) => {
        read.push(path);
        return Buffer.from('PEM');
      },
    });
    expect(Object.fromEntries(Object.entries(secrets).map(([id, value]) => [id, value.toString()]))).toEqual({ token: 's3cret', tls: 'PEM' });
    expect(read).toEqual([join(project.services.web!.build!.context!, 'cert.pem')]);
  });

  it('names the service, the secret and the variable when the environment lacks it', async () => {
    const project = await demoProject(compose);
    expect(berthErrorOf(() => resolveBuildSecrets(project, 'web', { environment: {}, readFile: () => Buffer.from('') }))).toMatchObject({
      code: 'BUILD_SECRET_UNAVAILABLE',
      message: 'service "web": build secret "token" comes from the environment variable API_TOKEN, which is not set',
    });
  });

  it('names the file that cannot be read', async () => {
    const project = await demoProject(compose);
    const error = berthErrorOf(() => resolveBuildSecrets(project, 'web', { environment: { API_TOKEN: 'x' } }));
    expect(error.code).toBe('BUILD_SECRET_UNAVAILABLE');
    expect(error.message).toMatch(/^service "web": build secret "cert" cannot be read from \/.*\/cert\.pem \(ENOENT\)$/);
  });

  it('refuses any other kind of secret (an external one), as Compose does', async () => {
    const project = await demoProject('services:\n  web:\n    build: {context: ., secrets: [swarm]}\nsecrets:\n  swarm: {external: true}\n');
    expect(berthErrorOf(() => resolveBuildSecrets(project, 'web', { environment: {} })).message).toBe('service "web": build secret "swarm" has neither a file: nor an environment: source');
  });

  it('puts the secrets into the request only when there are some', async () => {
    const project = await demoProject(compose);
    const request = buildRequest(project, 'web', input({ environment: { API_TOKEN: 't' }, readFile: () => Buffer.from('c') }));
    expect(Object.keys(request.options.secrets ?? {}).sort()).toEqual(['tls', 'token']);
    const plain = await demoProject('services:\n  web: {build: .}\n');
    expect(buildRequest(plain, 'web', input()).options.secrets).toBeUndefined();
  });
});

describe('buildPlatform', () => {
  it('asks for nothing when the compose file names no platform', () => {
    expect(buildPlatform('web', { build: { context: '/x' } }, native)).toBeUndefined();
  });

  it('accepts the native platform in any spelling, and asks for it', () => {
    expect(buildPlatform('web', { build: { context: '/x', platforms: ['linux/x86_64'] }, platform: 'linux/amd64' }, native)).toBe('linux/amd64');
    expect(buildPlatform('web', { build: { context: '/x', platforms: ['linux/arm64/v8'] } }, 'linux/aarch64')).toBe('linux/arm64');
  });

  it('refuses a foreign platform in build.platforms or platform:, naming the service and the platforms', () => {
    const error = berthErrorOf(() => buildPlatform('web', { build: { context: '/x', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] } }, native));
    expect(error).toMatchObject({
      code: 'BUILD_PLATFORM_UNSUPPORTED',
      message: 'service "web" cannot be built for linux/arm/v7, linux/arm64: berth builds images only for the engine\'s own platform, linux/amd64',
    });
    expect(berthErrorOf(() => buildPlatform('api', { platform: 'linux/s390x', build: { context: '/x' } }, native)).message).toMatch(/^service "api" cannot be built for linux\/s390x/);
  });

  it('normalizes architecture aliases and arm64\'s default variant', () => {
    expect(normalizePlatform('Linux/X86_64')).toBe('linux/amd64');
    expect(normalizePlatform('linux/arm64/v8')).toBe('linux/arm64');
    expect(normalizePlatform('linux/arm/v7')).toBe('linux/arm/v7');
  });
});
