import { describe, expect, it } from 'vitest';
import { ContextCatalogue } from '../../../src/api/contexts/index.js';
import { selectEngine } from '../../../src/api/engine-selection.js';
import { berthErrorOf as errorOf } from '../../helpers/error-of.js';
import { tempConfig, writeCurrentContextFile, writeDockerContext } from './temp-config.js';

/** Every way to name an engine at once; each row takes some away and says which one wins. */
const everything = {
  host: 'tcp://flag-host:1',
  context: undefined as string | undefined,
  BERTH_HOST: 'tcp://berth-host:2',
  DOCKER_HOST: 'tcp://docker-host:3',
  BERTH_CONTEXT: 'berth-ctx',
  DOCKER_CONTEXT: 'docker-ctx',
  current: 'current-ctx',
};

type Row = [given: string, overrides: Partial<typeof everything>, source: string, endpoint: string];

const rows: Row[] = [
  ['-H wins over everything', {}, '-H', 'tcp://flag-host:1'],
  ['--context wins over BERTH_HOST and DOCKER_HOST, as in the docker CLI', { host: undefined, context: 'flag-ctx' }, 'context "flag-ctx"', 'tcp://flag-ctx:2375'],
  ['BERTH_HOST comes next', { host: undefined }, 'BERTH_HOST', 'tcp://berth-host:2'],
  ['then DOCKER_HOST', { host: undefined, BERTH_HOST: '' }, 'DOCKER_HOST', 'tcp://docker-host:3'],
  ['then BERTH_CONTEXT', { host: undefined, BERTH_HOST: '', DOCKER_HOST: '' }, 'context "berth-ctx"', 'tcp://berth-ctx:2375'],
  ['then DOCKER_CONTEXT', { host: undefined, BERTH_HOST: '', DOCKER_HOST: '', BERTH_CONTEXT: '' }, 'context "docker-ctx"', 'tcp://docker-ctx:2375'],
  ['then the current context', { host: undefined, BERTH_HOST: '', DOCKER_HOST: '', BERTH_CONTEXT: '', DOCKER_CONTEXT: '' }, 'context "current-ctx"', 'tcp://current-ctx:2375'],
  ["then berth's own engine", { host: undefined, BERTH_HOST: '', DOCKER_HOST: '', BERTH_CONTEXT: '', DOCKER_CONTEXT: '', current: '' }, 'default', 'unix:///run/berth/berth.sock'],
  ['--context default is berth\'s own engine even with DOCKER_HOST set', { host: undefined, context: 'default' }, 'context "default"', 'unix:///run/berth/berth.sock'],
];

function formatted(endpoint: ReturnType<typeof selectEngine>['endpoint']): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : `tcp://${endpoint.host}:${endpoint.port}`;
}

describe('choosing the engine', () => {
  it.each(rows)('%s', (_given, overrides, source, endpoint) => {
    const config = tempConfig();
    const catalogue = new ContextCatalogue({ env: config.env });
    for (const name of ['flag-ctx', 'berth-ctx', 'docker-ctx', 'current-ctx']) catalogue.create({ name, host: `tcp://${name}` });
    const given = { ...everything, ...overrides };
    if (given.current) writeCurrentContextFile(config.berthConfig, given.current);
    const env = { ...config.env, BERTH_HOST: given.BERTH_HOST, DOCKER_HOST: given.DOCKER_HOST, BERTH_CONTEXT: given.BERTH_CONTEXT, DOCKER_CONTEXT: given.DOCKER_CONTEXT };

    const selection = selectEngine({ host: given.host, context: given.context, env });

    expect(selection.source).toBe(source);
    expect(formatted(selection.endpoint)).toBe(endpoint);
  });

  it('treats an empty variable as unset, as the docker CLI does', () => {
    const config = tempConfig();
    expect(selectEngine({ env: { ...config.env, BERTH_HOST: '', DOCKER_HOST: '' } }).source).toBe('default');
  });

  it('takes the configuration directory from the caller over BERTH_CONFIG', () => {
    const config = tempConfig();
    const elsewhere = tempConfig();
    new ContextCatalogue({ env: elsewhere.env }).create({ name: 'remote', host: 'unix:///tmp/remote.sock' });
    writeCurrentContextFile(elsewhere.berthConfig, 'remote');
    const selection = selectEngine({ env: config.env, configDir: elsewhere.berthConfig });
    expect(selection).toEqual({ endpoint: { kind: 'unix', socketPath: '/tmp/remote.sock' }, source: 'context "remote"' });
  });

  it("uses a context from the docker CLI's own store", () => {
    const config = tempConfig();
    writeDockerContext(config.dockerConfig, 'colima', 'unix:///home/me/.colima/docker.sock');
    const selection = selectEngine({ context: 'colima', env: config.env });
    expect(selection).toEqual({ endpoint: { kind: 'unix', socketPath: '/home/me/.colima/docker.sock' }, source: 'context "colima"' });
  });
});

describe('refusing an engine choice', () => {
  it('refuses -H together with --context, as bad usage', () => {
    const error = errorOf(() => selectEngine({ host: 'tcp://a:1', context: 'dev', env: tempConfig().env }));
    expect([error.code, error.kind]).toEqual(['ENGINE_OPTIONS_CONFLICT', 'usage']);
    expect(error.message).toBe('conflicting options: -H "tcp://a:1" and --context "dev" both choose the engine');
  });

  it('names the known contexts when the chosen one does not exist', () => {
    const config = tempConfig();
    new ContextCatalogue({ env: config.env }).create({ name: 'dev10', host: 'tcp://a' });
    new ContextCatalogue({ env: config.env }).create({ name: 'dev2', host: 'tcp://b' });
    writeDockerContext(config.dockerConfig, 'desktop-linux', 'unix:///x.sock');
    const error = errorOf(() => selectEngine({ env: { ...config.env, BERTH_CONTEXT: 'prod' } }));
    expect([error.code, error.kind]).toEqual(['CONTEXT_NOT_FOUND', 'not-found']);
    expect(error.message).toBe('context "prod" does not exist; known contexts: default, desktop-linux, dev2, dev10');
    expect(error.hint).toContain('berth context create prod --host');
  });

  it('fails on a current context that was removed behind its back', () => {
    const config = tempConfig();
    writeCurrentContextFile(config.berthConfig, 'gone');
    expect(errorOf(() => selectEngine({ env: config.env })).code).toBe('CONTEXT_NOT_FOUND');
  });

  it('says which variable holds a host it cannot use', () => {
    const error = errorOf(() => selectEngine({ env: { ...tempConfig().env, DOCKER_HOST: 'ssh://me@box' } }));
    expect(error.kind).toBe('usage');
    expect(error.message).toBe('engine host "ssh://me@box" (from DOCKER_HOST) uses a scheme berth does not support');
  });

  it('names the context whose host it cannot use', () => {
    const config = tempConfig();
    writeDockerContext(config.dockerConfig, 'over-ssh', 'ssh://me@box');
    expect(errorOf(() => selectEngine({ context: 'over-ssh', env: config.env })).message).toBe(
      'engine host "ssh://me@box" (from context "over-ssh") uses a scheme berth does not support',
    );
  });
});
