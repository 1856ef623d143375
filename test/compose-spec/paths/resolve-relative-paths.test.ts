import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose-spec/compose-error.js';
import { resolveRelativePaths } from '../../../src/compose-spec/paths/index.js';
import { locate } from '../../../src/compose-spec/source/node-meta.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';
import { tempProject } from '../../helpers/temp-project.js';

const base = '/projects/shop';

function resolved(text: string): Record<string, unknown> {
  const document = parseComposeYaml(text, 'compose.yaml').documents[0] as Record<string, unknown>;
  resolveRelativePaths(document, base);
  return document;
}

function service(text: string): Record<string, unknown> {
  return (resolved(`services:\n  web:\n${text.replace(/^/gm, '    ')}`).services as Record<string, Record<string, unknown>>).web!;
}

describe('resolveRelativePaths', () => {
  it('makes a build context given as a string absolute', () => {
    expect(service('build: ./web\n').build).toBe('/projects/shop/web');
    expect(service('build: .\n').build).toBe('/projects/shop');
  });

  it('leaves URL, Git, image and service build contexts alone', () => {
    for (const context of ['https://github.com/acme/app.git#main', 'git@github.com:acme/app.git', 'github.com/acme/app', 'docker-image://alpine', 'service:base']) {
      expect(service(`build:\n  context: "${context}"\n`).build).toEqual({ context });
    }
  });

  it('resolves additional contexts given as a mapping or as name=path items, but not images', () => {
    expect(service('build:\n  context: ../app\n  additional_contexts:\n    lib: ../lib\n    img: docker-image://alpine\n').build).toEqual({
      context: '/projects/app',
      additional_contexts: { lib: '/projects/lib', img: 'docker-image://alpine' },
    });
    expect(service('build:\n  additional_contexts: [lib=./lib]\n').build).toEqual({ additional_contexts: ['lib=/projects/shop/lib'] });
  });

  it('resolves the key paths of build.ssh and leaves the default agent alone', () => {
    expect(service('build:\n  ssh: [default, deploy=./keys/id]\n').build).toEqual({ ssh: ['default', 'deploy=/projects/shop/keys/id'] });
    expect(service('build:\n  ssh: {deploy: ~/.ssh/id}\n').build).toEqual({ ssh: { deploy: join(homedir(), '.ssh/id') } });
  });

  it('resolves env_file in its string, list and long forms, and label_file', () => {
    expect(service('env_file: .env\n').env_file).toBe('/projects/shop/.env');
    expect(service('env_file: [a.env, /etc/b.env, {path: ./c.env, required: false}]\n').env_file).toEqual([
      '/projects/shop/a.env',
      '/etc/b.env',
      { path: '/projects/shop/c.env', required: false },
    ]);
    expect(service('label_file: [./labels]\n').label_file).toEqual(['/projects/shop/labels']);
  });

  it('resolves extends.file and develop.watch paths', () => {
    const web = service('extends:\n  file: ../common.yaml\n  service: base\ndevelop:\n  watch:\n    - path: ./src\n      action: sync\n      target: /app\n');
    expect(web.extends).toEqual({ file: '/projects/common.yaml', service: 'base' });
    expect(web.develop).toEqual({ watch: [{ path: '/projects/shop/src', action: 'sync', target: '/app' }] });
  });

  it('turns a relative short-syntax bind mount into the long form with an absolute source', () => {
    expect(service('volumes: ["./html:/usr/share/nginx/html:ro", "data:/data", "/srv:/srv", "~/cache:/cache"]\n').volumes).toEqual([
      { type: 'bind', source: '/projects/shop/html', target: '/usr/share/nginx/html', read_only: true, bind: { create_host_path: true } },
      'data:/data',
      '/srv:/srv',
      { type: 'bind', source: join(homedir(), 'cache'), target: '/cache', bind: { create_host_path: true } },
    ]);
  });

  it('keeps the position of a rewritten volume entry', () => {
    const document = resolved('services:\n  web:\n    volumes:\n      - ./html:/html\n');
    expect(locate(document, ['services', 'web', 'volumes', 0])).toEqual({ file: 'compose.yaml', line: 4, column: 9 });
  });

  it('resolves the source of a long-syntax bind mount and leaves volumes alone', () => {
    expect(service('volumes:\n  - {type: bind, source: ../data, target: /data}\n  - {type: volume, source: ./named, target: /v}\n').volumes).toEqual([
      { type: 'bind', source: '/projects/data', target: '/data' },
      { type: 'volume', source: './named', target: '/v' },
    ]);
  });

  it('refuses a long-syntax bind mount without a source', () => {
    let error: unknown;
    try {
      service('volumes:\n  - {type: bind, target: /data}\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).message).toBe('services.web.volumes[0]: a bind mount needs a source: expected source: the host path to mount');
  });

  it('resolves secret and config files, keeping Windows absolute paths', () => {
    const document = resolved('secrets:\n  a: {file: ./a.txt}\n  b: {environment: B}\nconfigs:\n  c: {file: "C:\\\\conf\\\\c.ini"}\n');
    expect(document.secrets).toEqual({ a: { file: '/projects/shop/a.txt' }, b: { environment: 'B' } });
    expect(document.configs).toEqual({ c: { file: 'C:\\conf\\c.ini' } });
  });

  it('resolves the device of a local volume bound with o: bind only', () => {
    const document = resolved(
      'volumes:\n  data:\n    driver: local\n    driver_opts: {type: none, o: bind, device: ./data}\n  nfs:\n    driver: local\n    driver_opts: {type: nfs, o: "addr=1.2.3.4", device: ":/export"}\n',
    );
    expect(document.volumes).toEqual({
      data: { driver: 'local', driver_opts: { type: 'none', o: 'bind', device: '/projects/shop/data' } },
      nfs: { driver: 'local', driver_opts: { type: 'nfs', o: 'addr=1.2.3.4', device: ':/export' } },
    });
  });

  it('resolves include paths, project directories and env files', () => {
    const document = resolved('include:\n  - db/compose.yaml\n  - path: [a.yaml, b.yaml]\n    project_directory: ../other\n    env_file: a.env\n');
    expect(document.include).toEqual([
      '/projects/shop/db/compose.yaml',
      { path: ['/projects/shop/a.yaml', '/projects/shop/b.yaml'], project_directory: '/projects/other', env_file: '/projects/shop/a.env' },
    ]);
  });

  it('follows a watched path that is a symbolic link', () => {
    const project = tempProject({ 'real/file.txt': 'x' });
    mkdirSync(join(project, 'links'));
    symlinkSync(join(project, 'real'), join(project, 'links', 'src'));
    const document = { services: { web: { develop: { watch: [{ path: './links/src', action: 'sync' }] } } } };
    resolveRelativePaths(document, project);
    expect(document.services.web.develop.watch[0]!.path).toBe(realpathSync(join(project, 'real')));
  });
});
