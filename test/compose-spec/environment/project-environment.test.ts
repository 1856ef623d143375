import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDotenvFile, resolveProjectEnvironment } from '../../../src/compose-spec/environment/index.js';
import { tempProject } from '../../helpers/temp-project.js';
import { composeErrorOf } from '../../helpers/error-of.js';

const processEnv = { PWD: '/somewhere', HOME: '/home/me' };

const thrown = composeErrorOf;

describe('the project environment', () => {
  it('is the process environment plus the project .env, the process winning', () => {
    const dir = tempProject({ '.env': 'TAG=from-file\nPORT=8080\nURL=http://localhost:${PORT}/${TAG}\n' });
    const { environment, envFiles } = resolveProjectEnvironment({
      processEnv: { ...processEnv, TAG: 'from-process', UNDEFINED: undefined },
      workingDir: dir,
      projectDir: dir,
    });
    expect(environment).toEqual({ PWD: '/somewhere', HOME: '/home/me', TAG: 'from-process', PORT: '8080', URL: 'http://localhost:8080/from-process' });
    expect(envFiles).toEqual([join(dir, '.env')]);
  });

  it('adds PWD when the process has none', () => {
    const dir = tempProject({});
    expect(resolveProjectEnvironment({ processEnv: {}, workingDir: dir, projectDir: dir })).toEqual({ environment: { PWD: dir }, envFiles: [] });
  });

  it('reads the working directory .env, then the project directory .env, the first value of a key winning', () => {
    const project = tempProject({ '.env': 'SHARED=project\nONLY_PROJECT=${ONLY_CWD}-seen\n', 'app/.env': 'SHARED=cwd\nONLY_CWD=cwd\n' });
    const workingDir = join(project, 'app');
    const { environment, envFiles } = resolveProjectEnvironment({ processEnv, workingDir, projectDir: project });
    expect(environment).toEqual({ ...processEnv, SHARED: 'cwd', ONLY_CWD: 'cwd', ONLY_PROJECT: 'cwd-seen' });
    expect(envFiles).toEqual([join(workingDir, '.env'), join(project, '.env')]);
  });

  it('skips a .env that is missing or is a directory', () => {
    const dir = tempProject({ 'sub/keep': '' });
    mkdirSync(join(dir, 'sub', '.env'));
    expect(resolveProjectEnvironment({ processEnv, workingDir: join(dir, 'sub'), projectDir: dir })).toEqual({ environment: processEnv, envFiles: [] });
  });

  it('uses --env-file files instead of .env, relative to the working directory, later files overriding earlier ones', () => {
    const dir = tempProject({
      '.env': 'IGNORED=yes\n',
      'config/base.env': 'LEVEL=base\nHOST=db\nNAME=app\n',
      'config/local.env': 'LEVEL=local\nDSN=postgres://${HOST}/${NAME}-${LEVEL}\nNAME=${PROCESS_NAME}\n',
    });
    const { environment, envFiles } = resolveProjectEnvironment({
      processEnv: { ...processEnv, PROCESS_NAME: 'proc' },
      workingDir: dir,
      projectDir: dir,
      envFiles: ['config/base.env', join(dir, 'config/local.env')],
    });
    // In the second file, `${LEVEL}` still reads the first file's value: a file's own keys come after lookup.
    expect(environment).toEqual({ ...processEnv, PROCESS_NAME: 'proc', LEVEL: 'local', HOST: 'db', NAME: 'proc', DSN: 'postgres://db/app-base' });
    expect(envFiles).toEqual([join(dir, 'config/base.env'), join(dir, 'config/local.env')]);
  });

  it('keeps the process value over every env file', () => {
    const dir = tempProject({ 'a.env': 'MODE=a\n', 'b.env': 'MODE=b\n' });
    const { environment } = resolveProjectEnvironment({ processEnv: { MODE: 'process', PWD: dir }, workingDir: dir, projectDir: dir, envFiles: ['a.env', 'b.env'] });
    expect(environment.MODE).toBe('process');
  });

  it('uses COMPOSE_ENV_FILES when no --env-file is given, and --env-file over it', () => {
    const dir = tempProject({ 'one.env': 'A=1\n', 'two.env': 'A=2\nB=2\n', 'three.env': 'C=3\n' });
    const fromVariable = resolveProjectEnvironment({ processEnv: { PWD: dir, COMPOSE_ENV_FILES: 'one.env,,two.env' }, workingDir: dir, projectDir: dir });
    expect(fromVariable.envFiles).toEqual([join(dir, 'one.env'), join(dir, 'two.env')]);
    expect(fromVariable.environment).toEqual({ PWD: dir, COMPOSE_ENV_FILES: 'one.env,,two.env', A: '2', B: '2' });
    const fromFlag = resolveProjectEnvironment({ processEnv: { PWD: dir, COMPOSE_ENV_FILES: 'one.env' }, workingDir: dir, projectDir: dir, envFiles: ['three.env'] });
    expect(fromFlag.envFiles).toEqual([join(dir, 'three.env')]);
  });

  it('expands ~ in env file paths', () => {
    const home = tempProject({ 'my.env': 'FROM_HOME=1\n' });
    const { environment } = resolveProjectEnvironment({ processEnv: { HOME: home, PWD: '/' }, workingDir: '/', projectDir: '/', envFiles: ['~/my.env'] });
    expect(environment.FROM_HOME).toBe('1');
  });

  it('reads no .env when COMPOSE_DISABLE_ENV_FILE is true, and refuses a value that is not a boolean', () => {
    const dir = tempProject({ '.env': 'A=1\n' });
    const disabled = resolveProjectEnvironment({ processEnv: { PWD: dir, COMPOSE_DISABLE_ENV_FILE: 'true' }, workingDir: dir, projectDir: dir });
    expect(disabled.envFiles).toEqual([]);
    const enabled = resolveProjectEnvironment({ processEnv: { PWD: dir, COMPOSE_DISABLE_ENV_FILE: '0' }, workingDir: dir, projectDir: dir });
    expect(enabled.envFiles).toEqual([join(dir, '.env')]);
    const error = thrown(() => resolveProjectEnvironment({ processEnv: { COMPOSE_DISABLE_ENV_FILE: 'yes' }, workingDir: dir, projectDir: dir }));
    expect(error.message).toBe('invalid COMPOSE_DISABLE_ENV_FILE value "yes": expected true or false');
  });

  it('fails on a named env file that does not exist, naming its absolute path', () => {
    const dir = tempProject({});
    const error = thrown(() => resolveProjectEnvironment({ processEnv, workingDir: dir, projectDir: dir, envFiles: ['missing.env'] }));
    expect(error.code).toBe('COMPOSE_ENV_FILE_NOT_FOUND');
    expect(error.message).toBe(`couldn't find env file: ${join(dir, 'missing.env')}`);
    expect(error.hint).toBe('check the path given in --env-file; relative paths start from the current directory');
    const listed = thrown(() => resolveProjectEnvironment({ processEnv: { COMPOSE_ENV_FILES: 'nope.env' }, workingDir: dir, projectDir: dir }));
    expect(listed.hint).toBe('check the path given in COMPOSE_ENV_FILES; relative paths start from the current directory');
  });

  it('places a syntax error in the env file it comes from', () => {
    const dir = tempProject({ '.env': 'GOOD=1\nBAD KEY=2\n' });
    const error = thrown(() => resolveProjectEnvironment({ processEnv, workingDir: dir, projectDir: dir }));
    expect(error.message).toBe(`${join(dir, '.env')}:2:1: key cannot contain a space: "BAD KEY"`);
  });

  it('warns, in Compose\'s words, about unset variables referenced in an env file', () => {
    const dir = tempProject({ '.env': 'A=${NOT_SET}\n' });
    const warnings: string[] = [];
    resolveProjectEnvironment({ processEnv, workingDir: dir, projectDir: dir, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual(['The "NOT_SET" variable is not set. Defaulting to a blank string.']);
  });
});

describe('reading one env file', () => {
  it('parses it in the chosen format', () => {
    const dir = tempProject({ 'app.env': 'A="x"\nB\n' });
    const lookup = (name: string): string | undefined => (name === 'B' ? 'b' : undefined);
    expect([...readDotenvFile(join(dir, 'app.env'), { lookup })]).toEqual([['A', 'x'], ['B', 'b']]);
    expect([...readDotenvFile(join(dir, 'app.env'), { raw: true, lookup })]).toEqual([['A', '"x"'], ['B', 'b']]);
  });

  it('fails on a missing file with its own code, and on a directory', () => {
    const dir = tempProject({});
    const missing = thrown(() => readDotenvFile(join(dir, 'nope.env')));
    expect(missing.code).toBe('COMPOSE_ENV_FILE_NOT_FOUND');
    expect(missing.message).toBe(`couldn't find env file: ${join(dir, 'nope.env')}`);
    expect(missing.hint).toBe('create the file or correct its path');
    const directory = thrown(() => readDotenvFile(dir));
    expect(directory.code).toBe('COMPOSE_ENV_FILE');
    expect(directory.message).toBe(`${dir} is a directory`);
  });
});
