import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmRemoval } from '../../../src/cli/commands/rm-confirm.js';
import { parseScaleArguments } from '../../../src/cli/commands/scale-run.js';
import { loadProject } from '../../../src/compose-spec/index.js';
import { planPushes, planServicePulls, planText, withRestartDependents } from '../../../src/scheduler/index.js';
import { tempProject } from '../../helpers/temp-project.js';

async function load(yaml: string) {
  const directory = tempProject({ 'compose.yaml': yaml }, 'demo');
  return (await loadProject({ workingDir: directory, processEnv: {} })).project;
}

describe('which services restart follows', () => {
  const yaml = `
services:
  db: {image: pg}
  api:
    image: api
    depends_on: {db: {condition: service_started, restart: true}}
  web:
    image: web
    depends_on: {api: {condition: service_started, restart: true}}
  worker:
    image: worker
    depends_on: [db]
`;

  it('takes in, transitively, the services that depend on a restarted one with restart: true', async () => {
    expect(withRestartDependents(await load(yaml), ['db']).sort()).toEqual(['api', 'db', 'web']);
  });

  it('leaves out a dependent without restart: true', async () => {
    expect(withRestartDependents(await load(yaml), ['db'])).not.toContain('worker');
  });

  it('follows nothing upwards: restarting web restarts only web', async () => {
    expect(withRestartDependents(await load(yaml), ['web'])).toEqual(['web']);
  });
});

describe('what pull pulls', () => {
  const yaml = `
services:
  web: {image: "nginx:1.27"}
  proxy: {image: "nginx:1.27"}
  db: {image: "pg:16", pull_policy: missing}
  cache: {image: redis, pull_policy: missing}
  local: {build: .}
  app: {build: ., image: "registry.test/app:1"}
  pinned: {image: "pinned:1", pull_policy: never}
`;
  const everything = ['web', 'proxy', 'db', 'cache', 'local', 'app', 'pinned'];

  it('pulls every image without a policy, each once, and skips what cannot or must not be pulled', async () => {
    const { plan, skipped } = planServicePulls(await load(yaml), everything, new Set(['pg:16', 'redis']), { ignoreBuildable: false });

    expect(planText(plan)).toBe(
      '#1 pull image registry.test/app:1 for app (no pull_policy)\n' +
        '#2 pull image redis for cache (pull policy missing)\n' +
        '#3 pull image nginx:1.27 for proxy (no pull_policy)\n',
    );
    expect(skipped).toEqual([
      { service: 'db', reason: '- Image is already present locally' },
      { service: 'local', reason: '- No image to be pulled' },
      { service: 'pinned', reason: '' },
      { service: 'web', reason: '- Image is already being pulled by proxy' },
    ]);
  });

  it('--policy missing skips the images the engine has, and --ignore-buildable the services that build', async () => {
    const { plan } = planServicePulls(await load(yaml), everything, new Set(['nginx:1.27', 'pg:16']), { policy: 'missing', ignoreBuildable: true });

    expect(planText(plan)).toBe('#1 pull image redis for cache (pull policy missing)\n#2 pull image pinned:1 for pinned (pull policy missing)\n');
  });
});

describe('what push pushes', () => {
  it('pushes only the images of services that build them, with their build tags, and skips the others', async () => {
    const project = await load(`
services:
  app:
    image: registry.test/app:1
    build: {context: ., tags: ["registry.test/app:latest"]}
  web: {image: nginx}
  local: {build: .}
`);

    expect(planPushes(project, ['app', 'web', 'local'])).toEqual({
      pushes: [
        { service: 'app', reference: 'registry.test/app:1', why: 'image' },
        { service: 'app', reference: 'registry.test/app:latest', why: 'build tag' },
      ],
      skipped: ['local', 'web'],
    });
  });
});

describe('scale arguments', () => {
  it('reads SERVICE=REPLICAS pairs', () => {
    expect(parseScaleArguments(['web=3', 'worker=0'])).toEqual({ web: 3, worker: 0 });
  });

  it.each([
    ['web', 'invalid scale specifier: web'],
    ['=3', 'invalid scale specifier: =3'],
    ['web=', 'invalid scale specifier: web='],
    ['web=three', "invalid scale specifier: can't parse replica value as int: web=three"],
  ])('refuses %s in Compose words', (entry, message) => {
    expect(() => parseScaleArguments([entry])).toThrow(message);
  });
});

describe('the question rm asks', () => {
  async function ask(answer: string | undefined, isTTY: boolean): Promise<{ confirmed: boolean; shown: string }> {
    const input = Object.assign(new PassThrough(), { isTTY });
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const confirmed = confirmRemoval(['demo-web-1', 'demo-db-1'], { input, output });
    input.end(answer);
    return { confirmed: await confirmed, shown };
  }

  it('asks on a terminal and removes on y', async () => {
    expect(await ask('y\n', true)).toEqual({ confirmed: true, shown: 'Going to remove demo-web-1, demo-db-1\nAre you sure? [yN] ' });
  });

  it('takes an empty answer as no', async () => {
    expect((await ask('\n', true)).confirmed).toBe(false);
  });

  it('from a pipe prints the message and removes nothing when no answer comes', async () => {
    expect(await ask(undefined, false)).toEqual({ confirmed: false, shown: 'Going to remove demo-web-1, demo-db-1\n' });
  });

  it.each(['yes', 'Y', 'true', '1'])('from a pipe takes %s as yes', async (answer) => {
    expect((await ask(`${answer}\n`, false)).confirmed).toBe(true);
  });
});
