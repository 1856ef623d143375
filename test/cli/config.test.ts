import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runBerth } from '../helpers/run-berth.js';
import { tempProject } from '../helpers/temp-project.js';

const stack = `services:
  web:
    image: nginx:\${TAG:-1.25}
    ports:
      - "8080:80"
    depends_on: [db]
  db:
    image: postgres:15
    profiles: [data]
  debug:
    image: busybox
    profiles: [tools]
volumes:
  pgdata:
`;

describe('berth config', () => {
  it('prints the resolved project with long forms, defaults and names', () => {
    const dir = tempProject({ 'compose.yaml': stack }, 'shop');
    const run = runBerth(['config', '--profile', 'data'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const project = parse(run.stdout);
    expect(project.name).toBe('shop');
    expect(Object.keys(project.services)).toEqual(['db', 'web']);
    expect(project.services.web.image).toBe('nginx:1.25');
    expect(project.services.web.ports).toEqual([{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]);
    expect(project.services.web.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(project.networks).toEqual({ default: { name: 'shop_default' } });
    expect(project.volumes).toEqual({ pgdata: { name: 'shop_pgdata' } });
  });

  it('prints JSON with --format json', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }, 'site');
    const run = runBerth(['config', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).services.web.image).toBe('nginx');
  });

  it('merges an override file, the project name and the environment from .env', () => {
    const dir = tempProject({
      'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n    environment: [A=1]\n',
      'compose.override.yaml': 'services:\n  web:\n    environment:\n      B: "2"\n',
      '.env': 'TAG=1.27\nCOMPOSE_PROJECT_NAME=fromenv\n',
    });
    const project = parse(runBerth(['config'], { cwd: dir }).stdout);
    expect(project.name).toBe('fromenv');
    expect(project.services.web.image).toBe('nginx:1.27');
    expect(project.services.web.environment).toEqual({ A: '1', B: '2' });
  });

  it('reads the compose file from standard input with -f -', () => {
    const run = runBerth(['-f', '-', '-p', 'piped', 'config', '--services'], { input: 'services:\n  one:\n    image: a\n  two:\n    image: b\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('one\ntwo\n');
  });

  it('lists services after their dependencies, and volumes, images and profiles', () => {
    const dir = tempProject({ 'compose.yaml': stack }, 'shop');
    expect(runBerth(['config', '--services', '--profile', '*'], { cwd: dir }).stdout).toBe('db\ndebug\nweb\n');
    expect(runBerth(['config', '--volumes'], { cwd: dir, env: { COMPOSE_PROFILES: 'data' } }).stdout).toBe('pgdata\n');
    expect(runBerth(['config', '--images', '--profile', 'data'], { cwd: dir }).stdout).toBe('postgres:15\nnginx:1.25\n');
    expect(runBerth(['config', '--profiles'], { cwd: dir, env: { COMPOSE_PROFILES: 'data' } }).stdout).toBe('data\ntools\n');
  });

  it('lists the variables a project uses with their defaults', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG:-1.25}\n    environment:\n      KEY: ${API_KEY:?needed}\n' });
    const run = runBerth(['config', '--variables'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').map((line) => line.trim().split(/\s{3,}/))).toEqual([
      ['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE'],
      ['API_KEY', 'true'],
      ['TAG', 'false', '1.25'],
      [''],
    ]);
  });

  it('prints a stable config hash that changes with the image', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG:-1}\n' });
    const first = runBerth(['config', '--hash', '*'], { cwd: dir }).stdout;
    expect(first).toMatch(/^web [0-9a-f]{64}\n$/);
    expect(runBerth(['config', '--hash', 'web'], { cwd: dir }).stdout).toBe(first);
    expect(runBerth(['config', '--hash', 'web'], { cwd: dir, env: { TAG: '2' } }).stdout).not.toBe(first);
  });

  it('refuses a --hash of a service the project does not have, exit 2', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
    const run = runBerth(['config', '--hash', 'wbe'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("berth: no such service: wbe\n  hint: the project's services are: web\n");
  });

  it('prints nothing and exits 0 with -q on a valid project', () => {
    const dir = tempProject({ 'compose.yaml': stack });
    const run = runBerth(['config', '-q', '--profile', 'data'], { cwd: dir });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('writes the output to a file with -o', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
    expect(runBerth(['config', '-o', 'out.yaml'], { cwd: dir }).stdout).toBe('');
    expect(parse(readFileSync(join(dir, 'out.yaml'), 'utf8')).services.web.image).toBe('nginx');
  });

  it('warns on standard error about a variable that is not set, and uses a blank', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      A: x${UNSET_THING}\n' });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('WARN The "UNSET_THING" variable is not set. Defaulting to a blank string.\n');
    expect(parse(run.stdout).services.web.environment).toEqual({ A: 'x' });
  });
});

describe('berth config on a broken project', () => {
  it('names the file, line, column, path and a fix for an unknown attribute, exit 1', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    imgae: nginx\n' });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `berth: ${join(dir, 'compose.yaml')}:3:12: services.web.imgae: unknown attribute "imgae"\n  3 |     imgae: nginx\n    |            ^\n  hint: did you mean "image"?\n`,
    );
  });

  it('shows the offending line of a YAML syntax error', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: "nginx\n' });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `berth: ${join(dir, 'compose.yaml')}:3:18: invalid YAML: Missing closing "quote\n  3 |     image: "nginx\n    |                  ^\n  hint: check the indentation and quoting on this line; a value that starts with a special character (*, &, !, {, [, :) needs quotes\n`,
    );
    expect(run.stderr).not.toContain('    at ');
  });

  it('names the missing required variable and the line that needs it', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set a password}\n' });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      `berth: ${join(dir, 'compose.yaml')}:5:26: services.db.environment.POSTGRES_PASSWORD: required variable DB_PASSWORD is missing a value: set a password`,
    );
  });

  it('points at the override file that holds the bad value', () => {
    const dir = tempProject({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'compose.override.yaml': 'services:\n  web:\n    ports:\n      - "http:80"\n',
    });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'compose.override.yaml')}:4:9: services.web.ports[0]: `);
  });

  it('names the cycle of dependencies', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n' });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`berth: ${join(dir, 'compose.yaml')}:3:5: services.a: dependency cycle detected: a -> b -> a`);
  });

  it('names the files of an include cycle instead of looping', () => {
    const dir = tempProject({
      'compose.yaml': 'include:\n  - other/compose.yaml\nservices:\n  web:\n    image: nginx\n',
      'other/compose.yaml': 'include:\n  - ../compose.yaml\n',
    });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`include cycle detected: ${join(dir, 'compose.yaml')} includes ${join(dir, 'other/compose.yaml')} includes ${join(dir, 'compose.yaml')}`);
  });

  it('refuses an invalid project name with Compose\'s words', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
    const run = runBerth(['-p', 'My Shop', 'config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('invalid project name "My Shop" (from --project-name): must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number');
  });

  it('refuses an empty compose file as Docker Compose does', () => {
    const dir = tempProject({ 'compose.yaml': '# nothing yet\n' });
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`berth: empty compose file: ${join(dir, 'compose.yaml')}`);
  });

  it('says where it looked when there is no compose file', () => {
    const dir = tempProject({});
    const run = runBerth(['config'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^berth: no configuration file provided: not found/);
  });
});
