import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { engineRequest, expectStatus } from '../../harness/engine-http.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { describeAsRoot } from '../../harness/root.js';
import { freePort } from '../../helpers/free-port.js';
import { expectSuccess, runBerth } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';
import { TmuxTerminal } from './tmux-terminal.js';

/**
 * berth's terminal UI in a real terminal (tmux), driven by keys as a user would: `berth up` shows
 * the stack and its logs, filters, restarts a service, detaches, quits; `berth tui` looks at a
 * running stack; every way out hands back a sane terminal. Each test types into a fresh shell in
 * a fresh copy of the same project, so the stack on the engine is one and the same throughout.
 * Each test waits on berth and the engine several times, hence the minute a test may take.
 */
// The UI reads the engine only through the API, so the same scenarios run on berth's engine and Docker's.
for (const kind of ['berth', 'docker'] as const) {
  describeAsRoot(`the terminal UI in a real terminal, on ${kind}'s engine`, { timeout: 60_000 }, () => {
    const engine = useTestEngine(kind);
    const projectName = 'tui-e2e';
    const root = new URL('../../..', import.meta.url).pathname;
    let port = 0;
    let binDirectory = '';
    let open: TmuxTerminal | undefined;

    beforeAll(async () => {
      if (!existsSync(join(root, 'dist/bundle/main.js'))) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
      await ensureBusyboxImage(engine());
      port = await freePort();
      // `berth` on the shell's PATH is the built CLI, as an installed one would be.
      binDirectory = mkdtempSync(join(tmpdir(), 'berth-e2e-bin-'));
      symlinkSync(join(root, 'bin/berth.js'), join(binDirectory, 'berth'));
    }, 120_000);

    afterEach(async () => {
      await open?.kill();
      open = undefined;
    });

    afterAll(async () => {
      const directory = mkdtempSync(join(tmpdir(), 'berth-e2e-down-'));
      try {
        const project = join(directory, projectName);
        mkdirSync(project);
        writeFileSync(join(project, 'compose.yaml'), composeFile(port));
        expectSuccess(runBerth(['down'], { cwd: project, env: engineEnv() }), 'berth down');
      } finally {
        rmSync(directory, { recursive: true, force: true });
        if (binDirectory) rmSync(binDirectory, { recursive: true, force: true });
      }
    }, 30_000);

    function engineEnv(): Record<string, string> {
      const { endpoint } = engine();
      if (endpoint.kind !== 'unix') throw new Error(`the test engine listens on ${endpoint.kind}, not a UNIX socket`);
      return { DOCKER_HOST: `unix://${endpoint.socketPath}`, BERTH_NO_AUTOSTART: '1' };
    }

    /** A shell in a fresh copy of the project, with `berth` on PATH and the engine chosen by DOCKER_HOST. */
    async function shellInProject(): Promise<{ terminal: TmuxTerminal; project: string }> {
      const project = tempProject({ 'compose.yaml': composeFile(port) }, projectName);
      open = await TmuxTerminal.start({ cwd: project, path: [binDirectory], env: engineEnv() });
      return { terminal: open, project };
    }

    /** `berth up` in the terminal, until the UI shows both services up. */
    async function upInTerminal(shell: TmuxTerminal): Promise<string> {
      await shell.run('berth up');
      return shell.waitFor(bothServicesUp, 30_000);
    }

    async function containers(): Promise<Array<{ Id: string; State: string; service: string }>> {
      const filters = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${projectName}`] }));
      const listed = expectStatus(await engineRequest(engine().endpoint, { method: 'GET', path: `/containers/json?all=1&filters=${filters}` }), [200], 'list containers');
      return (JSON.parse(listed.body) as Array<{ Id: string; State: string; Labels: Record<string, string> }>).map((container) => ({
        Id: container.Id,
        State: container.State,
        service: container.Labels['com.docker.compose.service'] ?? '',
      }));
    }

    async function statesByService(): Promise<Record<string, string>> {
      return Object.fromEntries((await containers()).map((container) => [container.service, container.State]));
    }

    async function startedAt(service: string): Promise<string> {
      const container = (await containers()).find((candidate) => candidate.service === service);
      if (!container) throw new Error(`no container of ${service}`);
      const inspected = expectStatus(await engineRequest(engine().endpoint, { method: 'GET', path: `/containers/${container.Id}/json` }), [200], 'inspect a container');
      return (JSON.parse(inspected.body) as { State: { StartedAt: string } }).State.StartedAt;
    }

    it('berth up shows both services with their states, the published port and the logs of both, on a screen of its own', async () => {
      const { terminal } = await shellInProject();
      await terminal.run('echo before-berth-$((6*7))');
      await terminal.waitFor(/^before-berth-42$/m);

      const screen = await upInTerminal(terminal);

      expect(screen).toMatch(new RegExp(`^berth ${projectName} on unix://\\S+ · (starting|running) · \\d/2 containers up`, 'm'));
      expect(screen).toMatch(/^. db-1\s+healthy\b/m);
      expect(screen).toMatch(new RegExp(`^. web-1\\s+running\\b.*127\\.0\\.0\\.1:${port}->80`, 'm'));
      await terminal.waitFor(/^db-1\s+\| db tick \d+$/m);
      const withLogs = await terminal.waitFor(/^web-1\s+\| web request GET \/$/m);
      expect(withLogs).toMatch(/^db-1\s+\| db tick \d+$/m);
      expect(withLogs).toContain('── Logs: all services · following');
      expect(withLogs).not.toContain('before-berth-42');
      expect(await terminal.pane()).toMatchObject({ alternateScreen: true, cursorVisible: false });
    });

    it("typing / GET and enter names the filter in the logs title and shows only web's lines", async () => {
      const { terminal } = await shellInProject();
      await upInTerminal(terminal);

      await terminal.type('/GET');
      await terminal.waitFor(/^\/GET .*enter applies, esc cancels/m);
      await terminal.sendKeys('Enter');
      await terminal.waitFor('── Logs: all services · /GET/ matching lines only · following');
      // A few of web's lines in a row, while db went on printing its ticks meanwhile.
      const screen = await terminal.waitFor(/(^web-1\s+\| web request GET \/\n){3}/m);

      const rows = logRows(screen);
      // berth's own notes (a container started) stay visible under a filter; every output line is web's.
      expect(rows.filter((row) => !/^\S+\s+\| ── .* ──$/.test(row)).every((row) => /^web-1\s+\| web request GET \/$/.test(row))).toBe(true);
    });

    it('r on the selected web restarts it: the status bar says so, the logs note the exit and the new start, and the engine started it again', async () => {
      const { terminal } = await shellInProject();
      await upInTerminal(terminal);
      const before = await startedAt('web');

      await terminal.sendKeys('j');
      await terminal.waitFor(/^› web-1 /m);
      // Only web's logs, so db's lines cannot push the notes off the screen.
      await terminal.sendKeys('Enter');
      await terminal.waitFor('── Logs: web · following');
      await terminal.sendKeys('r');

      await terminal.waitFor(/^web restarted$/m);
      await terminal.waitFor(/^web-1\s+\| ── exited with code \d+ ──$[\s\S]*^web-1\s+\| ── started ──$/m);
      const after = await startedAt('web');
      expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
      expect(await statesByService()).toEqual({ db: 'running', web: 'running' });
    });

    it('d detaches: the prompt and the earlier shell lines come back, the stack keeps running and the terminal is sane', async () => {
      const { terminal } = await shellInProject();
      await terminal.run('echo before-berth-$((6*7))');
      await upInTerminal(terminal);

      await terminal.sendKeys('d');
      const screen = await terminal.waitForPrompt();

      expect(screen).toMatch(/^before-berth-42$/m);
      expect(screen).toMatch(new RegExp(`^berth: detached; ${projectName} keeps running`, 'm'));
      expect(await statesByService()).toEqual({ db: 'running', web: 'running' });
      await expectSaneTerminal(terminal);
    });

    it('berth tui shows the running stack, and q leaves it running', async () => {
      const { terminal, project } = await shellInProject();
      expectSuccess(runBerth(['up', '-d', '--wait'], { cwd: project, env: engineEnv() }), 'berth up -d --wait');

      await terminal.run('berth tui');
      await terminal.waitFor(bothServicesUp);
      await terminal.waitFor(/^db-1\s+\| db tick \d+$/m);
      await terminal.sendKeys('q');
      await terminal.waitForPrompt();

      await terminal.run('echo "exit=$?"');
      await terminal.waitFor(/^exit=0$/m);
      expect(await statesByService()).toEqual({ db: 'running', web: 'running' });
      await expectSaneTerminal(terminal);
    });

    it('Ctrl-C in berth up stops the stack, exits with 130 and leaves the terminal sane', async () => {
      const { terminal } = await shellInProject();
      await upInTerminal(terminal);

      await terminal.sendKeys('C-c');
      await terminal.waitForPrompt(30_000);

      await terminal.run('echo "exit=$?"');
      await terminal.waitFor(/^exit=130$/m);
      expect(await statesByService()).toEqual({ db: 'exited', web: 'exited' });
      await expectSaneTerminal(terminal);
    });

    it('SIGTERM to berth up while the UI is open stops the stack and restores the terminal', async () => {
      const { terminal } = await shellInProject();
      await upInTerminal(terminal);
      const [berth, ...others] = await terminal.shellChildren();
      expect(others).toEqual([]);

      process.kill(berth!, 'SIGTERM');
      await terminal.waitForPrompt(30_000);

      await terminal.run('echo "exit=$?"');
      await terminal.waitFor(/^exit=143$/m);
      expect(await statesByService()).toEqual({ db: 'exited', web: 'exited' });
      await expectSaneTerminal(terminal);
    });

    it("berth up --no-tui prints Compose's plain attached output instead of the UI", async () => {
      const { terminal } = await shellInProject();
      await terminal.run('berth up --no-tui');

      const screen = await terminal.waitFor(/^db-1\s+\| db tick \d+$[\s\S]*^web-1\s+\| web request GET \/$/m, 30_000);
      expect(screen).not.toContain(`berth ${projectName} on`);
      expect(await terminal.pane()).toMatchObject({ alternateScreen: false, command: 'node' });

      await terminal.sendKeys('C-c');
      await terminal.waitForPrompt(30_000);
    });
  });
}

/** db logs a numbered tick and is healthy once its check ran; web waits for that, logs requests and publishes a port. */
function composeFile(port: number): string {
  return `services:
  db:
    image: berth-fixture/busybox:1
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo \\"db tick $$i\\"; sleep 0.3; done"]
    init: true
    healthcheck:
      test: ["CMD", "sh", "-c", "echo ok-check"]
      interval: 1s
  web:
    image: berth-fixture/busybox:1
    command: ["sh", "-c", "while true; do echo 'web request GET /'; sleep 0.3; done"]
    init: true
    depends_on:
      db:
        condition: service_healthy
    ports:
      - "127.0.0.1:${port}:80"
`;
}

/** The services panel with db healthy and web running. */
const bothServicesUp = /^. db-1\s+healthy\b[\s\S]*^. web-1\s+running\b/m;

/** The logs panel's rows: between its title and the status bar. */
function logRows(screen: string): string[] {
  const lines = screen.trimEnd().split('\n');
  const title = lines.findIndex((line) => line.startsWith('── Logs:'));
  return lines.slice(title + 1, -1).filter((line) => line.trim() !== '');
}

/** The UI gave the terminal back as it found it: the normal screen, a cursor, and line editing with echo. */
async function expectSaneTerminal(terminal: TmuxTerminal): Promise<void> {
  expect(await terminal.pane()).toMatchObject({ alternateScreen: false, cursorVisible: true, command: 'bash' });
  await terminal.run(`stty -a | tr -s ' ;' '\\n' | grep -xE -- '-?(icanon|echo)' | paste -sd, -`);
  const screen = await terminal.waitFor(/^-?icanon,-?echo$/m);
  expect(screen.match(/^-?icanon,-?echo$/m)?.[0]).toBe('icanon,echo');
}
