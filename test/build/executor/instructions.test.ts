import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { steps, useBuildServer } from './build-fixture.js';

describeAsRoot('the Dockerfile\'s instructions in the built image', () => {
  const fixture = useBuildServer();

  test('the config instructions are the image\'s config, as docker inspect shows it', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base}`,
        'ARG PORT=9000',
        'LABEL org.example.team="build tools" version=2',
        'EXPOSE 8080 53/udp $PORT',
        'VOLUME ["/data", "/cache"]',
        'STOPSIGNAL SIGQUIT',
        'HEALTHCHECK --interval=5s --timeout=2s --start-period=1s --retries=4 CMD wget -q -O- http://localhost/ || exit 1',
        'ENV A=1 B="two words"',
        'WORKDIR /srv',
        'WORKDIR app',
        'USER nobody',
        'ENTRYPOINT ["echo", "entry"]',
        'CMD ["default", "args"]',
        '',
      ].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'config-all:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const { Config: config } = await fixture.inspect('config-all:1');
    expect(config.Labels).toEqual({ 'org.example.team': 'build tools', version: '2' });
    expect(config.ExposedPorts).toEqual({ '8080/tcp': {}, '53/udp': {}, '9000/tcp': {} });
    expect(config.Volumes).toEqual({ '/data': {}, '/cache': {} });
    expect(config.StopSignal).toBe('SIGQUIT');
    expect(config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q -O- http://localhost/ || exit 1'], Interval: 5e9, Timeout: 2e9, StartPeriod: 1e9, Retries: 4 });
    expect(config.Env).toEqual(expect.arrayContaining(['A=1', 'B=two words']));
    expect(config.Env?.some((line) => line.startsWith('PORT='))).toBe(false);
    expect(config.WorkingDir).toBe('/srv/app');
    expect(config.User).toBe('nobody');
    expect(config.Entrypoint).toEqual(['echo', 'entry']);
    expect(config.Cmd).toEqual(['default', 'args']);
    expect((await fixture.run('config-all:1')).log).toBe('entry default args\n');
    expect((await fixture.run('config-all:1', ['given'])).log).toBe('entry given\n');
  });

  test('a RUN runs as the USER, in the WORKDIR, with the ENV set before it', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: `FROM ${base}\nENV GREETING=hi\nWORKDIR /tmp/work\nUSER nobody\nRUN echo "$(id -u):$(id -g) $(pwd) $GREETING" > /tmp/ran.txt\nUSER root\nCMD ["sh", "-c", "cat /tmp/ran.txt; stat -c %u /tmp/ran.txt"]\n`,
    });
    const built = await fixture.build(directory, '-t', 'config-run:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('config-run:1')).log).toBe('65534:65534 /tmp/work hi\n65534\n');
  });

  // Docker's classic builder makes the directory (ContainerCreateWorkdir, then a commit), and so does BuildKit.
  test('WORKDIR makes its directory in the image, where a later stage can copy it from', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base} AS made\nWORKDIR /only/workdir\nFROM ${base}\nCOPY --from=made /only /only\nCMD ["ls", "-d", "/only/workdir"]\n` });
    const built = await fixture.build(directory, '-t', 'config-workdir:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('config-workdir:1')).log).toBe('/only/workdir\n');
  });

  test('ENTRYPOINT drops the CMD of the base image but keeps a CMD of its own stage', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base} AS plain\nENTRYPOINT ["echo", "plain"]\nFROM ${base}\nCMD ["kept"]\nENTRYPOINT ["echo"]\n` });
    const plain = await fixture.build(directory, '--target', 'plain', '-t', 'config-entry:plain');
    expect(plain.exitCode, plain.stderr + plain.stdout).toBe(0);
    expect((await fixture.inspect('config-entry:plain')).Config.Cmd ?? null).toBeNull();
    expect((await fixture.run('config-entry:plain')).log).toBe('plain\n');

    const kept = await fixture.build(directory, '-t', 'config-entry:kept');
    expect(kept.exitCode, kept.stderr + kept.stdout).toBe(0);
    expect((await fixture.run('config-entry:kept')).log).toBe('kept\n');
  });

  test('SHELL runs the shell forms of RUN and CMD after it', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nSHELL ["/bin/echo", "via-echo"]\nRUN from-run\nCMD from-cmd\n` });
    const built = await fixture.build(directory, '-t', 'config-shell:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).toContain('via-echo from-run\n');
    const { Config: config } = await fixture.inspect('config-shell:1');
    expect(config.Shell).toEqual(['/bin/echo', 'via-echo']);
    expect(config.Cmd).toEqual(['/bin/echo', 'via-echo', 'from-cmd']);
    expect((await fixture.run('config-shell:1')).log).toBe('via-echo from-cmd\n');
  });

  test('ONBUILD triggers are kept in the parent image and run when a child is built FROM it', async () => {
    const base = await fixture.base();
    const parent = fixture.project({ Dockerfile: `FROM ${base}\nONBUILD COPY trigger.txt /trigger.txt\nONBUILD RUN echo "trigger ran" > /ran.txt\n` });
    const builtParent = await fixture.build(parent, '-t', 'onbuild-parent:1');
    expect(builtParent.exitCode, builtParent.stderr + builtParent.stdout).toBe(0);
    expect((await fixture.inspect('onbuild-parent:1')).Config.OnBuild).toEqual(['COPY trigger.txt /trigger.txt', 'RUN echo "trigger ran" > /ran.txt']);
    // The parent's own build ran no trigger.
    expect(builtParent.stdout).not.toMatch(/Running in/);

    const child = fixture.project({ Dockerfile: 'FROM onbuild-parent:1\nCMD ["cat", "/trigger.txt", "/ran.txt"]\n', 'trigger.txt': 'from the child context\n' });
    const builtChild = await fixture.build(child, '-t', 'onbuild-child:1');
    expect(builtChild.exitCode, builtChild.stderr + builtChild.stdout).toBe(0);
    expect(builtChild.stdout).toContain('# Executing 2 build triggers');
    expect((await fixture.run('onbuild-child:1')).log).toBe('from the child context\ntrigger ran\n');
    // The child does not pass the triggers on.
    expect((await fixture.inspect('onbuild-child:1')).Config.OnBuild ?? []).toEqual([]);
  });

  test('a heredoc RUN runs its body as a script, and a heredoc fed to a command is its stdin', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [`FROM ${base}`, 'ENV WHO=world', 'RUN <<EOF', 'echo first > /script.txt', 'echo "second $WHO" >> /script.txt', 'EOF', 'RUN cat > /stdin.txt <<EOT', 'hello $WHO', 'EOT', 'RUN cat > /quoted.txt <<"EOT"', 'hello $WHO', 'EOT', ''].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'heredoc-run:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(steps(built.stdout)).toHaveLength(4);
    expect((await fixture.run('heredoc-run:1', ['cat', '/script.txt', '/stdin.txt', '/quoted.txt'])).log).toBe('first\nsecond world\nhello world\nhello $WHO\n');
  });

  test('an exec-form RUN is not run by a shell: its words are not expanded', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nENV WHO=world\nRUN ["echo", "exec $WHO"]\nRUN echo "shell $WHO"\n` });
    const built = await fixture.build(directory, '-t', 'run-exec:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).toContain('exec $WHO\n');
    expect(built.stdout).toContain('shell world\n');
  });

  test('HEALTHCHECK NONE turns off the health check a base image has', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base} AS checked\nHEALTHCHECK CMD ["true"]\nFROM checked\nHEALTHCHECK NONE\n` });
    const built = await fixture.build(directory, '-t', 'config-health:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.inspect('config-health:1')).Config.Healthcheck).toEqual({ Test: ['NONE'] });
  });
});
