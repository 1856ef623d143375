import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { applyExtends } from '../../../src/compose-spec/extends/index.js';
import { mergeDocuments } from '../../../src/compose-spec/merge/index.js';
import { locate } from '../../../src/compose-spec/source/node-meta.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';
import { tempProject } from '../../helpers/temp-project.js';
import { composeErrorOfAsync } from '../../helpers/error-of.js';

type Document = Record<string, unknown>;

function parseFile(file: string): Document {
  return parseComposeYaml(readFileSync(file, 'utf8'), file).documents[0] as Document;
}

async function extendIn(project: string, loaded: string[] = []): Promise<Document> {
  const file = join(project, 'compose.yaml');
  const document = parseFile(file);
  await applyExtends(document, {
    file,
    baseDirectory: project,
    loadFile: async (path) => {
      loaded.push(path);
      return parseFile(path);
    },
  });
  return document;
}

async function load(project: string): Promise<Document> {
  return mergeDocuments([await extendIn(project)]);
}

function loadError(project: string): Promise<ComposeError> {
  return composeErrorOfAsync(() => load(project));
}

describe('applyExtends', () => {
  it('builds a service on another service of the same file, which stays as it is', async () => {
    const project = tempProject({
      'compose.yaml':
        'services:\n  base:\n    image: app\n    environment: [A=1, B=2]\n    command: serve\n    ports: ["80:80"]\n  web:\n    extends: base\n    environment:\n      B: "3"\n    command: [serve, --debug]\n    ports: ["80:80", "443:443"]\n',
    });
    expect(await load(project)).toStrictEqual({
      services: {
        base: { image: 'app', environment: ['A=1', 'B=2'], command: 'serve', ports: ['80:80'] },
        web: { image: 'app', environment: { A: '1', B: '3' }, command: ['serve', '--debug'], ports: ['80:80', '443:443'] },
      },
    });
  });

  it('follows a chain of extends, whatever the order of the services', async () => {
    const project = tempProject({
      'compose.yaml': 'services:\n  top:\n    extends: {service: middle}\n    user: root\n  middle:\n    extends: bottom\n    hostname: m\n  bottom:\n    image: app\n',
    });
    expect(await load(project)).toStrictEqual({
      services: {
        top: { image: 'app', hostname: 'm', user: 'root' },
        middle: { image: 'app', hostname: 'm' },
        bottom: { image: 'app' },
      },
    });
  });

  it('takes a service from another file with that file\'s relative paths resolved against its directory', async () => {
    const project = tempProject({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: common/services.yaml\n      service: webapp\n    volumes: ["./local:/local"]\n',
      'common/services.yaml':
        'services:\n  webapp:\n    build: ./app\n    env_file: web.env\n    volumes: ["./data:/data", "cache:/cache"]\n',
    });
    expect(await load(project)).toStrictEqual({
      services: {
        web: {
          build: join(project, 'common/app'),
          env_file: join(project, 'common/web.env'),
          volumes: [
            { type: 'bind', source: join(project, 'common/data'), target: '/data', bind: { create_host_path: true } },
            'cache:/cache',
            './local:/local',
          ],
        },
      },
    });
  });

  it('follows extends inside the other file, relative to that file, and loads each file once', async () => {
    const project = tempProject({
      'compose.yaml': 'services:\n  a:\n    extends: {file: lib/one.yaml, service: one}\n  b:\n    extends: {file: ./lib/one.yaml, service: two}\n',
      'lib/one.yaml': 'services:\n  one:\n    extends: {file: ../deeper/two.yaml, service: base}\n    user: one\n  two:\n    extends: one\n    user: two\n',
      'deeper/two.yaml': 'services:\n  base:\n    image: base\n    build: .\n',
    });
    const loaded: string[] = [];
    const document = mergeDocuments([await extendIn(project, loaded)]);
    expect(document).toStrictEqual({
      services: {
        a: { image: 'base', build: join(project, 'deeper'), user: 'one' },
        b: { image: 'base', build: join(project, 'deeper'), user: 'two' },
      },
    });
    expect(loaded).toStrictEqual([join(project, 'lib/one.yaml'), join(project, 'deeper/two.yaml')]);
  });

  it('inherits depends_on, links, volumes_from and network_mode, as Compose does today', async () => {
    const project = tempProject({
      'compose.yaml':
        'services:\n  db:\n    image: db\n  base:\n    image: app\n    depends_on: [db]\n    links: [db]\n    volumes_from: [db]\n    network_mode: service:db\n  web:\n    extends: base\n    depends_on:\n      cache:\n        condition: service_healthy\n  cache:\n    image: redis\n',
    });
    const services = (await load(project)).services as Record<string, unknown>;
    expect(services.web).toStrictEqual({
      image: 'app',
      depends_on: { db: { condition: 'service_started', required: true }, cache: { condition: 'service_healthy' } },
      links: ['db'],
      volumes_from: ['db'],
      network_mode: 'service:db',
    });
  });

  it('applies !reset and !override of the extending service to what it inherits', async () => {
    const project = tempProject({
      'compose.yaml':
        'services:\n  base:\n    image: app\n    ports: ["80:80"]\n    environment: {A: "1", B: "2"}\n    labels: {x: "1"}\n  web:\n    extends: base\n    ports: !reset []\n    environment:\n      A: !reset null\n    labels: !override {y: "2"}\n',
    });
    expect((await load(project)).services).toStrictEqual({
      base: { image: 'app', ports: ['80:80'], environment: { A: '1', B: '2' }, labels: { x: '1' } },
      web: { image: 'app', environment: { B: '2' }, labels: { y: '2' } },
    });
  });

  it('keeps the extending service\'s !reset for the merge with the project\'s other files', async () => {
    const project = tempProject({ 'compose.yaml': 'services:\n  base:\n    image: app\n  web:\n    extends: base\n    ports: !reset []\n' });
    const earlier = parseComposeYaml('services:\n  web:\n    ports: ["8080:80"]\n    user: root\n', 'earlier.yaml').documents[0] as Document;
    expect(mergeDocuments([earlier, await extendIn(project)])).toStrictEqual({ services: { web: { user: 'root', image: 'app' }, base: { image: 'app' } } });
  });

  it('keeps where inherited and own attributes were written', async () => {
    const project = tempProject({
      'compose.yaml': 'services:\n  web:\n    extends: {file: common.yaml, service: base}\n    user: root\n',
      'common.yaml': 'services:\n  base:\n    image: app\n',
    });
    const document = await load(project);
    expect(locate(document, ['services', 'web', 'image'])).toEqual({ file: join(project, 'common.yaml'), line: 3, column: 12 });
    expect(locate(document, ['services', 'web', 'user'])).toEqual({ file: join(project, 'compose.yaml'), line: 4, column: 11 });
  });

  it('names the services of a circular extends', async () => {
    const project = tempProject({ 'compose.yaml': 'services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n' });
    const error = await loadError(project);
    const file = join(project, 'compose.yaml');
    expect(error.code).toBe('COMPOSE_EXTENDS_CYCLE');
    expect(error.message).toBe(`${file}:3:14: services.a.extends: circular extends: a in ${file} extends b in ${file} extends c in ${file} extends a in ${file}`);
  });

  it('sees a cycle that goes through another file', async () => {
    const project = tempProject({
      'compose.yaml': 'services:\n  web:\n    extends: {file: other.yaml, service: web}\n',
      'other.yaml': 'services:\n  web:\n    extends: {file: compose.yaml, service: web}\n',
    });
    const error = await loadError(project);
    const [main, other] = [join(project, 'compose.yaml'), join(project, 'other.yaml')];
    expect(error.detail).toBe(`circular extends: web in ${main} extends web in ${other} extends web in ${main}`);
  });

  it('says which service is missing from the same file', async () => {
    const project = tempProject({ 'compose.yaml': 'services:\n  web:\n    extends: nope\n  db:\n    image: db\n' });
    const error = await loadError(project);
    const file = join(project, 'compose.yaml');
    expect(error.code).toBe('COMPOSE_EXTENDS_NOT_FOUND');
    expect(error.message).toBe(`${file}:3:14: services.web.extends: cannot extend service "web" in ${file}: service "nope" not found`);
    expect(error.hint).toBe('extend one of the services defined there: db, web');
  });

  it('says which service is missing from another file', async () => {
    const project = tempProject({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: nope\n',
      'common.yaml': 'services:\n  base:\n    image: app\n',
    });
    const error = await loadError(project);
    expect(error.detail).toBe(`cannot extend service "web" in ${join(project, 'compose.yaml')}: service "nope" not found in ${join(project, 'common.yaml')}`);
    expect(error.path).toEqual(['services', 'web', 'extends', 'service']);
  });

  it('says which file is missing', async () => {
    const project = tempProject({ 'compose.yaml': 'services:\n  web:\n    extends:\n      file: ../missing.yaml\n      service: base\n' });
    const error = await loadError(project);
    expect(error.detail).toBe(`cannot extend service "web" in ${join(project, 'compose.yaml')}: file ${join(project, '../missing.yaml')} not found`);
    expect(error.path).toEqual(['services', 'web', 'extends', 'file']);
  });

  it('refuses an extends without a service name', async () => {
    const project = tempProject({ 'compose.yaml': 'services:\n  web:\n    extends:\n      file: common.yaml\n' });
    const error = await loadError(project);
    expect(error.message).toBe('services.web.extends.service: extends needs the name of the service to extend: expected a service name, or {service: name, file: path}');
  });
});
