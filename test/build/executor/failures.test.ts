import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { eventually } from '../../runtime/containers/engine/engine-fixture.js';
import { useBuildServer } from './build-fixture.js';

describeAsRoot('failing builds', () => {
  const fixture = useBuildServer();

  async function noContainers(): Promise<void> {
    const listed = await fixture.docker('ps', '-a', '-q');
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout.trim()).toBe('');
  }

  test('a failing RUN fails the build with Docker\'s words and its exit code, and leaves no container', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo fine\nRUN exit 3\nRUN echo never-reached\n` });
    const built = await fixture.build(directory, '-t', 'fail-run:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toContain("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    expect(built.stdout).not.toMatch(/never-reached|Successfully built/);
    expect((await fixture.docker('image', 'inspect', 'fail-run:1')).exitCode).not.toBe(0);
    await noContainers();
  });

  test('the failing step\'s own output, both streams, is in the build output before the error', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo "checking the config"; echo "config is broken" >&2; exit 7\n` });
    const built = await fixture.rawBuild(directory, { query: { t: 'fail-output:1' } });
    expect(built.status).toBe(200);
    expect(built.output).toMatch(/Step 2\/2 : RUN echo "checking the config"/);
    expect(built.output).toContain('checking the config\n');
    expect(built.output).toContain('config is broken\n');
    expect(built.error).toBe('The command \'/bin/sh -c echo "checking the config"; echo "config is broken" >&2; exit 7\' returned a non-zero code: 7');
    await noContainers();
  });

  test('an exec-form RUN that fails is quoted as it was run', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN ["sh", "-c", "exit 5"]\n` });
    const built = await fixture.build(directory, '-t', 'fail-exec:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toContain("The command 'sh -c exit 5' returned a non-zero code: 5");
    await noContainers();
  });

  test('an unknown instruction is an error naming Dockerfile and its line, before any step runs', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\n# a comment\nRUNN echo typo\nRUN echo fine\n` });
    const built = await fixture.build(directory, '-t', 'fail-syntax:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toMatch(/Dockerfile:3: unknown instruction: RUNN/i);
    expect(built.stdout).not.toMatch(/Step 1/);

    const raw = await fixture.rawBuild(directory, { query: { t: 'fail-syntax:1' } });
    expect(raw.status).toBe(400);
    expect(raw.error).toMatch(/^Dockerfile:3: unknown instruction: RUNN/i);
  });

  test('a syntax error in a Dockerfile named with -f names that file and the line after a continuation', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ 'build/app.Dockerfile': `FROM ${base}\nRUN echo one \\\n    two\nCOPY --frm=x a /a\n` });
    const built = await fixture.build(directory, '-f', `${directory}/build/app.Dockerfile`, '-t', 'fail-file:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toMatch(/build\/app\.Dockerfile:4: .*frm/);
  });

  test('a COPY --chown to a user the image lacks fails naming the line and the user', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nCOPY --chown=appuser a.txt /a.txt\n`, 'a.txt': 'a\n' });
    const built = await fixture.build(directory, '-t', 'fail-chown:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toMatch(/Dockerfile:2: .*appuser/);
    await noContainers();
  });

  test('a FROM image that exists nowhere fails with its name', async () => {
    const base = await fixture.base();
    const missing = base.replace(/\/library\/busybox:test$/, '/library/no-such-image:1');
    const directory = fixture.project({ Dockerfile: `FROM ${missing}\nRUN true\n` });
    const built = await fixture.build(directory, '-t', 'fail-from:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toContain(`pull access denied or image not found: ${missing}`);
  });

  /** Stage `broken` fails once stage `slow` is inside its RUN (they meet through a cache mount), so the stop lands mid-RUN. */
  const parallelFailure = async () => {
    const sync = `--mount=type=cache,id=fail-${randomBytes(4).toString('hex')},target=/sync`;
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base} AS slow`,
        `RUN ${sync} touch /sync/slow-started && sleep 20`,
        `FROM ${base} AS broken`,
        `RUN ${sync} i=0; while [ ! -e /sync/slow-started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; exit 4`,
        `FROM ${base}`,
        'COPY --from=slow /etc/passwd /slow',
        'COPY --from=broken /etc/passwd /broken',
        '',
      ].join('\n'),
    });
    return fixture.build(directory, '-t', 'fail-parallel:1');
  };

  test('when one of two stages fails, the other is stopped and the build reports the failure, not the stop', async () => {
    const { result: built } = await catchingUnhandledRejections(parallelFailure);
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toMatch(/The command '\/bin\/sh -c i=0; while .*; exit 4' returned a non-zero code: 4/);
    expect(built.stderr).not.toMatch(/abort/i);
    await noContainers();
  });

  // In the daemon an unhandled rejection is an uncaught exception, which ends the process.
  test('a stage stopped mid-RUN by another stage\'s failure leaves no unhandled rejection behind', async () => {
    const { reasons } = await catchingUnhandledRejections(parallelFailure);
    expect(reasons).toEqual([]);
  });

  const hangUpMidRun = async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo started; sleep 20\n` });
    const built = await fixture.rawBuild(directory, { query: { t: 'fail-hangup:1' }, hangUpWhen: (output) => output.includes('started\n') });
    expect(built.hungUp).toBe(true);
    await eventually(async () => (await fixture.docker('ps', '-a', '-q')).stdout.trim() === '', 'the step container to go', 10_000);
  };

  test('a client that hangs up mid-RUN stops the build: the step\'s container goes and no image is tagged', async () => {
    await catchingUnhandledRejections(hangUpMidRun);
    expect((await fixture.docker('image', 'inspect', 'fail-hangup:1')).exitCode).not.toBe(0);
  });

  // What a user's Ctrl-C on `docker build` during a RUN does.
  test('a client that hangs up mid-RUN leaves no unhandled rejection behind', async () => {
    const { reasons } = await catchingUnhandledRejections(hangUpMidRun);
    expect(reasons).toEqual([]);
  });
});

/**
 * Runs `work` with the process's unhandled rejections caught and recorded instead of reported
 * (vitest's own listeners are set aside meanwhile and put back after), for the tests that
 * check a stopped build leaves none: in the daemon one would end the process.
 */
async function catchingUnhandledRejections<T>(work: () => Promise<T>): Promise<{ result: T; reasons: unknown[] }> {
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const reasons: unknown[] = [];
  const record = (reason: unknown): void => void reasons.push(reason);
  process.on('unhandledRejection', record);
  try {
    const result = await work();
    // Node reports an unhandled rejection once the microtasks run out: let one macrotask pass.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, reasons };
  } finally {
    process.off('unhandledRejection', record);
    for (const listener of saved) process.on('unhandledRejection', listener);
  }
}
