import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { cacheReport, useBuildServer } from './build-fixture.js';

describeAsRoot('build arguments', () => {
  const fixture = useBuildServer();

  async function greeting(): Promise<string> {
    const base = await fixture.base();
    return fixture.project({ Dockerfile: `FROM ${base}\nARG GREETING=hello\nRUN echo "$GREETING" > /greeting\nCMD ["cat", "/greeting"]\n` });
  }

  test('an ARG\'s default is what a RUN sees, and the argument does not become an environment variable of the image', async () => {
    const built = await fixture.build(await greeting(), '-t', 'args-default:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('args-default:1')).log).toBe('hello\n');
    const env = (await fixture.inspect('args-default:1')).Config.Env ?? [];
    expect(env.filter((line) => line.startsWith('GREETING'))).toEqual([]);
    expect((await fixture.run('args-default:1', ['sh', '-c', 'echo "[$GREETING]"'])).log).toBe('[]\n');
  });

  test('--build-arg overrides the default, and a new value runs the RUN again while the same value is cached', async () => {
    const directory = await greeting();
    const first = await fixture.build(directory, '--build-arg', 'GREETING=bonjour', '-t', 'args-given:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect((await fixture.run('args-given:1')).log).toBe('bonjour\n');

    const same = await fixture.build(directory, '--build-arg', 'GREETING=bonjour', '-t', 'args-given:2');
    expect(same.exitCode, same.stderr + same.stdout).toBe(0);
    expect(cacheReport(same.stdout)).toContain('RUN echo "$GREETING" > /greeting: cached');

    const other = await fixture.build(directory, '--build-arg', 'GREETING=hola', '-t', 'args-given:3');
    expect(other.exitCode, other.stderr + other.stdout).toBe(0);
    expect(cacheReport(other.stdout)).toContain('RUN echo "$GREETING" > /greeting: built');
    expect((await fixture.run('args-given:3')).log).toBe('hola\n');
    expect(((await fixture.inspect('args-given:3')).Config.Env ?? []).some((line) => line.startsWith('GREETING='))).toBe(false);
  });

  test('an ENV that copies an argument puts its value in the image\'s environment', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nARG VERSION=1.0\nENV APP_VERSION=$VERSION\n` });
    const built = await fixture.build(directory, '--build-arg', 'VERSION=2.5', '-t', 'args-env:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const env = (await fixture.inspect('args-env:1')).Config.Env ?? [];
    expect(env).toContain('APP_VERSION=2.5');
    expect(env.filter((line) => line.startsWith('VERSION='))).toEqual([]);
  });

  test('an ENV of the same name wins over the ARG in a RUN', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nARG MODE=from-arg\nENV MODE=from-env\nRUN echo "$MODE" > /mode\n` });
    const built = await fixture.build(directory, '--build-arg', 'MODE=from-cli', '-t', 'args-shadow:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('args-shadow:1', ['cat', '/mode'])).log).toBe('from-env\n');
  });

  test('an ARG before FROM chooses the FROM image, and a stage sees it only once it declares it again', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        'ARG FLAVOR=plain',
        `FROM ${base} AS plain`,
        'RUN echo "plain [$FLAVOR]" > /flavor',
        `FROM ${base} AS fancy`,
        'ARG FLAVOR',
        'RUN echo "fancy [$FLAVOR]" > /flavor',
        'FROM $FLAVOR',
        'CMD ["cat", "/flavor"]',
        '',
      ].join('\n'),
    });
    const plain = await fixture.build(directory, '-t', 'args-from:plain');
    expect(plain.exitCode, plain.stderr + plain.stdout).toBe(0);
    expect((await fixture.run('args-from:plain')).log).toBe('plain []\n');

    const fancy = await fixture.build(directory, '--build-arg', 'FLAVOR=fancy', '-t', 'args-from:fancy');
    expect(fancy.exitCode, fancy.stderr + fancy.stdout).toBe(0);
    expect((await fixture.run('args-from:fancy')).log).toBe('fancy [fancy]\n');
    // The plain stage is not what FROM $FLAVOR names this time: it is not built.
    expect(fancy.stdout).not.toMatch(/plain \[/);
  });

  test('a --build-arg no ARG declares is reported as not consumed and is not in the RUN\'s environment', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nARG USED=1\nRUN echo "[$UNUSED]" > /seen\n` });
    const built = await fixture.build(directory, '--build-arg', 'USED=2', '--build-arg', 'UNUSED=x', '-t', 'args-unused:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).toMatch(/\[Warning\] One or more build-args \[UNUSED\] were not consumed/);
    expect((await fixture.run('args-unused:1', ['cat', '/seen'])).log).toBe('[]\n');
  });

  test('the platform arguments are declared for the engine\'s own platform', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nARG TARGETPLATFORM\nARG TARGETARCH\nRUN echo "$TARGETPLATFORM $TARGETARCH" > /platform\n` });
    const built = await fixture.build(directory, '-t', 'args-platform:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as 'x64' | 'arm64'] ?? process.arch;
    expect((await fixture.run('args-platform:1', ['cat', '/platform'])).log).toBe(`linux/${arch} ${arch}\n`);
  });

  // Docker's builtinAllowedBuildArgs (builder/dockerfile/buildargs.go): the proxy arguments reach every RUN without an ARG.
  test('the proxy arguments reach every RUN without an ARG and are not reported as unconsumed', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo "[$http_proxy] [$NO_PROXY]" > /proxy\n` });
    const built = await fixture.build(directory, '--build-arg', 'http_proxy=http://proxy.example:3128', '--build-arg', 'NO_PROXY=localhost', '-t', 'args-proxy:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).not.toMatch(/were not consumed/);
    expect((await fixture.run('args-proxy:1', ['cat', '/proxy'])).log).toBe('[http://proxy.example:3128] [localhost]\n');
    expect(((await fixture.inspect('args-proxy:1')).Config.Env ?? []).some((line) => /proxy/i.test(line))).toBe(false);
  });
});
