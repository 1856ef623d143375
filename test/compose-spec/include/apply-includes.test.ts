import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { applyIncludes, type IncludeRequest } from '../../../src/compose-spec/include/index.js';
import { tempProject } from '../../helpers/temp-project.js';
import { contextFor, loadWithIncludes, parseFile } from './include-loader.js';
import { composeErrorOfAsync } from '../../helpers/error-of.js';

const load = loadWithIncludes;

function loadError(project: string): Promise<ComposeError> {
  return composeErrorOfAsync(() => load(project));
}

describe('applyIncludes', () => {
  it('copies the services, networks, volumes, secrets and configs of an included file, and nothing else', async () => {
    const project = tempProject({
      'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: app\n    depends_on: [db]\n',
      'db/compose.yaml':
        'name: other\nx-shared: {a: 1}\nservices:\n  db:\n    image: postgres\n    volumes: [./init:/docker-entrypoint-initdb.d]\nnetworks:\n  back: {}\nvolumes:\n  data: {}\nsecrets:\n  pw: {file: ./pw.txt}\nconfigs:\n  conf: {file: ./db.conf}\n',
    });
    expect(await load(project)).toStrictEqual({
      services: {
        web: { image: 'app', depends_on: ['db'] },
        db: {
          image: 'postgres',
          volumes: [{ type: 'bind', source: join(project, 'db/init'), target: '/docker-entrypoint-initdb.d', bind: { create_host_path: true } }],
        },
      },
      networks: { back: {} },
      volumes: { data: {} },
      secrets: { pw: { file: join(project, 'db/pw.txt') } },
      configs: { conf: { file: join(project, 'db/db.conf') } },
    });
  });

  it('reads the long form: several files, a project directory and env files', async () => {
    const project = tempProject({
      'compose.yaml': 'include:\n  - path: [sub/base.yaml, sub/more.yaml]\n    project_directory: shared\n    env_file: [sub/sub.env, /dev/null]\n',
      'sub/base.yaml': 'services:\n  api:\n    image: api\n    build: ./src\n',
      'sub/more.yaml': 'services:\n  api:\n    environment: [MORE=1]\n',
      'sub/sub.env': 'A=1\n',
    });
    const requests: IncludeRequest[] = [];
    expect(await load(project, requests)).toStrictEqual({
      services: { api: { image: 'api', build: join(project, 'shared/src'), environment: ['MORE=1'] } },
    });
    expect(requests).toStrictEqual([
      { files: [join(project, 'sub/base.yaml'), join(project, 'sub/more.yaml')], projectDirectory: join(project, 'shared'), envFiles: [join(project, 'sub/sub.env')] },
    ]);
  });

  it('uses the .env beside the included file when it names no env file', async () => {
    const project = tempProject({
      'compose.yaml': 'include:\n  - with-env/compose.yaml\n  - without-env/compose.yaml\n',
      'with-env/compose.yaml': 'services:\n  a:\n    image: a\n',
      'with-env/.env': 'TAG=1\n',
      'without-env/compose.yaml': 'services:\n  b:\n    image: b\n',
    });
    const requests: IncludeRequest[] = [];
    await load(project, requests);
    expect(requests.map((request) => request.envFiles)).toStrictEqual([[join(project, 'with-env/.env')], []]);
    expect(requests.map((request) => request.projectDirectory)).toStrictEqual([join(project, 'with-env'), join(project, 'without-env')]);
  });

  it('applies includes of included files, relative to their own project directory', async () => {
    const project = tempProject({
      'compose.yaml': 'include: [a/compose.yaml]\n',
      'a/compose.yaml': 'include: [b/compose.yaml]\nservices:\n  a:\n    image: a\n',
      'a/b/compose.yaml': 'services:\n  b:\n    build: .\n',
    });
    expect(await load(project)).toStrictEqual({ services: { a: { image: 'a' }, b: { build: join(project, 'a/b') } } });
  });

  it('merges a local definition over the included one, !reset and !override included', async () => {
    const project = tempProject({
      'compose.yaml':
        'include: [db.yaml]\nservices:\n  db:\n    environment:\n      LOCAL: "1"\n    ports: !override ["5433:5432"]\n    command: !reset []\nnetworks:\n  back:\n    driver: overlay\n',
      'db.yaml': 'services:\n  db:\n    image: postgres\n    command: postgres -c fsync=off\n    environment: [POSTGRES_DB=app]\n    ports: ["5432:5432"]\nnetworks:\n  back:\n    driver: bridge\n    internal: true\n',
    });
    expect(await load(project)).toStrictEqual({
      services: { db: { image: 'postgres', environment: { POSTGRES_DB: 'app', LOCAL: '1' }, ports: ['5433:5432'] } },
      networks: { back: { driver: 'overlay', internal: true } },
    });
  });

  it('keeps one copy of a resource included twice', async () => {
    const project = tempProject({
      'compose.yaml': 'include: [a.yaml, b.yaml]\n',
      'a.yaml': 'include: [common.yaml]\nservices:\n  a:\n    image: a\n',
      'b.yaml': 'include: [common.yaml]\nservices:\n  b:\n    image: b\n',
      'common.yaml': 'services:\n  log:\n    image: fluentd\n    ports: ["24224:24224"]\n',
    });
    expect(await load(project)).toStrictEqual({
      services: { log: { image: 'fluentd', ports: ['24224:24224'] }, a: { image: 'a' }, b: { image: 'b' } },
    });
  });

  it('names the chain of files of an include cycle', async () => {
    const project = tempProject({
      'compose.yaml': 'include: [a.yaml]\n',
      'a.yaml': 'include: [b.yaml]\n',
      'b.yaml': 'include: [compose.yaml]\n',
    });
    const error = await loadError(project);
    expect(error.code).toBe('COMPOSE_INCLUDE_CYCLE');
    expect(error.message).toBe(`include[0]: include cycle detected: ${['compose.yaml', 'a.yaml', 'b.yaml', 'compose.yaml'].map((file) => join(project, file)).join(' includes ')}`);
  });

  it('says which included file is missing', async () => {
    const project = tempProject({ 'compose.yaml': 'include:\n  - path: missing.yaml\n' });
    const error = await loadError(project);
    expect(error.code).toBe('COMPOSE_INCLUDE');
    expect(error.message).toBe(`include[0].path: included file ${join(project, 'missing.yaml')} does not exist: expected the path of a compose file, relative to the project directory`);
  });

  it('says which env file of an include is missing', async () => {
    const project = tempProject({ 'compose.yaml': 'include:\n  - path: a.yaml\n    env_file: a.env\n', 'a.yaml': 'services: {}\n' });
    const error = await loadError(project);
    expect(error.message).toBe(`include[0].env_file: env file ${join(project, 'a.env')} not found: expected the path of an existing env file, relative to the project directory`);
  });

  it('refuses an include that is not a list', async () => {
    const project = tempProject({ 'compose.yaml': 'include: a.yaml\n' });
    const error = await loadError(project);
    expect(error.message).toBe('include: include must be a list: expected a list of paths or {path, project_directory, env_file} mappings');
  });

  it('removes include from the document', async () => {
    const project = tempProject({ 'compose.yaml': 'include: []\nservices:\n  a:\n    image: a\n' });
    const file = join(project, 'compose.yaml');
    const document = parseFile(file);
    await applyIncludes(document, contextFor(file, dirname(file), []));
    expect(document).toStrictEqual({ services: { a: { image: 'a' } } });
  });
});
