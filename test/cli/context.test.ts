import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempConfig, writeDockerContext, type TempConfig } from '../api/engine-selection/temp-config.js';
import { runBerth } from '../helpers/run-berth.js';

function berth(config: TempConfig, args: string[], env: Record<string, string> = {}) {
  return runBerth(args, { env: { ...config.env, ...env } });
}

describe('berth context', () => {
  it('lists only the built-in default on a fresh configuration, as current', () => {
    const run = berth(tempConfig(), ['context', 'ls']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(
      'NAME        DESCRIPTION               ENGINE ENDPOINT                STORE\n' +
        "default *   berth's built-in engine   unix:///run/berth/berth.sock   built-in\n",
    );
  });

  it('creates a context and lists it', () => {
    const config = tempConfig();
    const create = berth(config, ['context', 'create', 'dev', '--host', 'tcp://10.0.0.1', '--description', 'lab box']);
    expect(create).toEqual({ status: 0, stdout: 'dev\n', stderr: 'Successfully created context "dev"\n' });
    expect(berth(config, ['context', 'ls']).stdout).toBe(
      'NAME        DESCRIPTION               ENGINE ENDPOINT                STORE\n' +
        "default *   berth's built-in engine   unix:///run/berth/berth.sock   built-in\n" +
        'dev         lab box                   tcp://10.0.0.1:2375            berth\n',
    );
  });

  it('needs --host to create a context, as bad usage', () => {
    const run = berth(tempConfig(), ['context', 'create', 'dev']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'berth: context "dev" needs an engine endpoint\n  hint: give one with --host, for example: berth context create dev --host unix:///var/run/docker.sock\n',
    );
  });

  it('refuses an existing name with exit code 1 and an invalid one with exit code 2', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a']);
    const existing = berth(config, ['context', 'create', 'dev', '--host', 'tcp://b']);
    expect([existing.status, existing.stderr]).toEqual([1, 'berth: context "dev" already exists\n  hint: choose another name, or remove it first with "berth context rm dev"\n']);
    const reserved = berth(config, ['context', 'create', 'default', '--host', 'tcp://b']);
    expect([reserved.status, reserved.stderr]).toEqual([2, 'berth: "default" is a reserved context name: it always means berth\'s own engine\n  hint: choose another name\n']);
    expect(berth(config, ['context', 'create', 'no/slash', '--host', 'tcp://b']).status).toBe(2);
  });

  it('switches the current context with use, and show and ls follow', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'unix:///run/dev.sock']);
    expect(berth(config, ['context', 'use', 'dev'])).toEqual({ status: 0, stdout: 'dev\n', stderr: 'Current context is now "dev"\n' });
    expect(JSON.parse(readFileSync(join(config.berthConfig, 'config.json'), 'utf8'))).toEqual({ currentContext: 'dev' });
    expect(berth(config, ['context', 'show']).stdout).toBe('dev\n');
    expect(berth(config, ['context', 'ls', '--format', 'json']).stdout).toBe(
      '{"Name":"default","Description":"berth\'s built-in engine","DockerEndpoint":"unix:///run/berth/berth.sock","Current":false,"Store":"built-in","ReadOnly":true}\n' +
        '{"Name":"dev","Description":"","DockerEndpoint":"unix:///run/dev.sock","Current":true,"Store":"berth","ReadOnly":false}\n',
    );
  });

  it('lists the names alone with -q', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a']);
    expect(berth(config, ['context', 'ls', '-q']).stdout).toBe('default\ndev\n');
  });

  it('warns that a host variable overrides the context just chosen', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a']);
    const run = berth(config, ['context', 'use', 'dev'], { DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(run.stderr).toBe(
      'Current context is now "dev"\n' +
        'Warning: DOCKER_HOST environment variable overrides the active context. To use "dev", either set the global --context flag, or unset DOCKER_HOST environment variable.\n',
    );
  });

  it('refuses to use a context that does not exist, naming the known ones', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a']);
    const run = berth(config, ['context', 'use', 'prod']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'berth: context "prod" does not exist; known contexts: default, dev\n' +
        '  hint: create it with "berth context create prod --host unix:///path/to.sock", or pick one from "berth context ls"\n',
    );
  });

  it('refuses to remove the current context unless forced, then goes back to default', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a']);
    berth(config, ['context', 'use', 'dev']);
    const refused = berth(config, ['context', 'rm', 'dev']);
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([
      1,
      '',
      'berth: context "dev" is in use\n  hint: switch first with "berth context use default", or remove it anyway with "berth context rm -f dev"\n',
    ]);
    expect(berth(config, ['context', 'rm', '-f', 'dev'])).toEqual({ status: 0, stdout: 'dev\n', stderr: '' });
    expect(berth(config, ['context', 'show']).stdout).toBe('default\n');
    expect(berth(config, ['context', 'ls', '-q']).stdout).toBe('default\n');
  });

  it('reads -f after rm as force while -f before the command is still the compose file', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a']);
    berth(config, ['context', 'use', 'dev']);
    expect(berth(config, ['-f', 'compose.yaml', 'context', 'rm', '-f', 'dev']).stdout).toBe('dev\n');
  });

  it('removes several contexts and reports each one it could not remove', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'one', '--host', 'tcp://a']);
    berth(config, ['context', 'create', 'two', '--host', 'tcp://b']);
    const run = berth(config, ['context', 'rm', 'one', 'default', 'two']);
    expect([run.status, run.stdout]).toEqual([2, 'one\ntwo\n']);
    expect(run.stderr).toBe('berth: context "default" cannot be removed: it is berth\'s own engine\n  hint: remove another context\n');
  });

  it("lists the docker CLI's contexts as read-only and will not remove them", () => {
    const config = tempConfig();
    writeDockerContext(config.dockerConfig, 'desktop', 'unix:///home/me/docker.sock', 'Docker Desktop');
    expect(berth(config, ['context', 'ls']).stdout).toBe(
      'NAME        DESCRIPTION               ENGINE ENDPOINT                STORE\n' +
        "default *   berth's built-in engine   unix:///run/berth/berth.sock   built-in\n" +
        'desktop     Docker Desktop            unix:///home/me/docker.sock    docker (read-only)\n',
    );
    const run = berth(config, ['context', 'rm', 'desktop']);
    expect([run.status, run.stderr]).toEqual([1, 'berth: context "desktop" belongs to the docker CLI; berth only reads it\n  hint: remove it with "docker context rm desktop"\n']);
  });

  it('inspects a context as the docker CLI does, the current one when none is named', () => {
    const config = tempConfig();
    berth(config, ['context', 'create', 'dev', '--host', 'tcp://a:1', '--description', 'lab']);
    berth(config, ['context', 'use', 'dev']);
    const run = berth(config, ['context', 'inspect']);
    expect(run.status).toBe(0);
    const metadataPath = join(config.berthConfig, 'contexts', 'meta', 'ef260e9aa3c673af240d17a2660480361a8e081d1ffeca2a5ed0e3219fc18567');
    expect(JSON.parse(run.stdout)).toEqual([
      {
        Name: 'dev',
        Metadata: { Description: 'lab' },
        Endpoints: { docker: { Host: 'tcp://a:1', SkipTLSVerify: false } },
        TLSMaterial: {},
        Storage: { MetadataPath: metadataPath, TLSPath: metadataPath.replace('/meta/', '/tls/') },
      },
    ]);
    expect(run.stdout.split('\n')[1]).toBe('    {');
    expect(berth(config, ['context', 'inspect', 'nope']).status).toBe(1);
  });

  it('shows the context that --context or BERTH_CONTEXT chooses', () => {
    const config = tempConfig();
    expect(berth(config, ['--context', 'picked', 'context', 'show']).stdout).toBe('picked\n');
    expect(berth(config, ['context', 'show'], { BERTH_CONTEXT: 'from-env', DOCKER_CONTEXT: 'not-this' }).stdout).toBe('from-env\n');
  });

  it('refuses -H together with --context on any command, as bad usage', () => {
    const run = berth(tempConfig(), ['-H', 'unix:///x.sock', '--context', 'dev', 'context', 'ls']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('berth: conflicting options: -H "unix:///x.sock" and --context "dev" both choose the engine\n  hint: give only one of them\n');
  });
});
