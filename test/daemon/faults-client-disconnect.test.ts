import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startBerthEngine, type BerthTestEngine } from '../harness/berth-engine.js';
import { engineRequest, expectStatus } from '../harness/engine-http.js';
import { pushFixture } from '../harness/fixtures/index.js';
import { useRegistry, type TestRegistry } from '../harness/registry.js';
import { registryProxy } from '../harness/registry-proxy.js';
import { describeAsRoot } from '../harness/root.js';
import { waitUntil } from '../helpers/wait-until.js';
import { pullImage, runDetached } from './engine-calls.js';
import { childrenOf, killTree, openFiles, toolsOf } from './faults-host-state.js';

/**
 * A client that goes in the middle of a stream (issue 7, Faults): the real docker CLI killed with
 * SIGKILL while it follows logs, reads events, is attached, runs an exec or pulls. The daemon must
 * let go of everything the stream held: its file descriptors (the connection, the log being
 * read, pipes to runc and socat), its child processes and the image store's lease.
 */
describeAsRoot('a client that disconnects in the middle of a stream', () => {
  const registry = useRegistry();
  let engine: BerthTestEngine | undefined;
  let image = '';
  beforeAll(async () => {
    image = (await pushFixture(registry(), 'busybox', 'library/busybox:test')).reference;
    engine = await startBerthEngine();
    await pullImage(engine.endpoint, image);
    await runDetached(engine.endpoint, { Image: image, Cmd: ['sh', '-c', 'while true; do echo tick; sleep 0.2; done'] }, 'ticker');
    await runDetached(engine.endpoint, { Image: image, Cmd: ['cat'], OpenStdin: true, AttachStdin: true, AttachStdout: true, AttachStderr: true }, 'echoer');
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  }, 60_000);

  const clients = new Set<ChildProcess>();
  afterEach(() => {
    for (const client of clients) client.kill('SIGKILL');
    clients.clear();
  });

  /** What the daemon holds: its open descriptors, its children, the engine's socat and runc processes, the store's leases. */
  type Holdings = {
    fds: string[];
    children: string[];
    tools: string[];
    leases: string[];
    /** Warnings and errors in its log: a stream written to after its client went shows here. */
    complaints: string[];
  };
  function holdings(): Holdings {
    const { pid } = engine!.daemon();
    const leases = join(engine!.setup.dataRoot, 'images', 'leases');
    return {
      fds: openFiles(pid),
      children: childrenOf(pid).map((child) => child.argv.join(' ')),
      tools: toolsOf(engine!, ['socat', 'runc']),
      leases: existsSync(leases) ? readdirSync(leases) : [],
      complaints: readFileSync(engine!.logPath, 'utf8').split('\n').filter((line) => /level=(warning|error|fatal)/.test(line)),
    };
  }

  /** The docker CLI against the daemon, its output collected. */
  function docker(...args: string[]): { child: ChildProcess; output: () => string } {
    return spawnClient('docker', ['-H', `unix://${engine!.setup.socketPath}`, ...args]);
  }

  function spawnClient(command: string, args: string[]): { child: ChildProcess; output: () => string } {
    const child = spawn(command, args, {
      env: { ...process.env, DOCKER_CONFIG: join(engine!.directory, 'docker-config'), DOCKER_CLI_HINTS: 'false' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    clients.add(child);
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (piece: string) => (output += piece));
    child.stderr!.setEncoding('utf8').on('data', (piece: string) => (output += piece));
    return { child, output: () => output };
  }

  /** Runs the client until `streaming` says its stream is under way, kills it, and waits for the daemon to hold what it held before. */
  async function disconnectMidStream(before: Holdings, client: { child: ChildProcess; output: () => string }, streaming: () => boolean | Promise<boolean>, what: string): Promise<void> {
    await waitUntil(async () => (await streaming()) || undefined, `${what} to stream (output so far: ${JSON.stringify(client.output())})`, 20_000);
    // The stream shows in what the daemon holds (its connection at least), so its going shows too.
    expect(addedSince(before, holdings()).fds.length, `descriptors the daemon opened for ${what}`).toBeGreaterThan(0);
    // The docker CLI under `script` too: killed alone, script would leave it running on.
    killTree(client.child.pid!);
  }

  /**
   * What the daemon holds once nothing has changed for a second. Connections of earlier calls may
   * still close after that (keep-alive), so a leak is what it holds beyond this, never what went.
   */
  async function settledHoldings(): Promise<Holdings> {
    let last = JSON.stringify(holdings());
    let since = Date.now();
    return waitUntil(
      () => {
        const now = JSON.stringify(holdings());
        if (now !== last) [last, since] = [now, Date.now()];
        return Date.now() - since >= 1_000 ? (JSON.parse(now) as Holdings) : undefined;
      },
      'the daemon to settle',
      15_000,
    );
  }

  /** Waits for the daemon to hold nothing it did not hold before the client came (what it held then may have gone since). */
  async function expectLetGo(before: Holdings, what: string): Promise<void> {
    const none = JSON.stringify(addedSince(before, before));
    await waitUntil(() => JSON.stringify(addedSince(before, holdings())) === none || undefined, `the daemon to let go of ${what}`, 8_000).catch(() => undefined);
    expect(addedSince(before, holdings()), `what the daemon holds after a client of ${what} went, and did not before`).toEqual(addedSince(before, before));
  }

  it('docker logs -f: the log reader and the connection go', async () => {
    const before = await settledHoldings();
    const client = docker('logs', '-f', 'ticker');
    await disconnectMidStream(before, client, () => client.output().split('tick').length > 3, 'logs -f');
    await expectLetGo(before, 'logs -f');
  }, 60_000);

  it('docker events: the subscription and the connection go', async () => {
    const volumeEvents = async (): Promise<void> => {
      expectStatus(await engineRequest(engine!.endpoint, { method: 'POST', path: '/volumes/create', json: { Name: 'seen' } }), [201], 'create a volume');
      expectStatus(await engineRequest(engine!.endpoint, { method: 'DELETE', path: '/volumes/seen' }), [204], 'remove the volume');
    };
    const before = await settledHoldings();
    const client = docker('events', '--format', '{{.Type}} {{.Action}}');
    await disconnectMidStream(
      before,
      client,
      async () => {
        await volumeEvents();
        return client.output().includes('volume create');
      },
      'events',
    );
    // Events after the client went reach no subscription of its.
    await volumeEvents();
    await expectLetGo(before, 'events');
  }, 60_000);

  it('docker attach: the stdin relay and the connection go, the container runs on', async () => {
    const before = await settledHoldings();
    const client = docker('attach', 'echoer');
    await disconnectMidStream(before, client, answers(client, 'hello\n', 'hello'), 'attach');
    await expectLetGo(before, 'attach');
    expect(await running('echoer')).toBe(true);
  }, 60_000);

  it('docker exec -i: the process ends, and runc exec, its pipes and the connection go', async () => {
    const before = await settledHoldings();
    const client = docker('exec', '-i', 'echoer', 'cat');
    await disconnectMidStream(before, client, answers(client, 'hello\n', 'hello'), 'exec -i');
    await expectLetGo(before, 'exec -i');
  }, 60_000);

  it('docker exec -it: the stdin relay and the connection go; the shell, which outlives its client as in dockerd, takes the rest when it ends', async () => {
    const before = await settledHoldings();
    // The docker CLI wants a terminal for -t: script gives it one.
    const client = spawnClient('script', ['-qfc', `docker -H unix://${engine!.setup.socketPath} exec -it echoer sh`, '/dev/null']);
    await disconnectMidStream(before, client, answers(client, 'echo "mark""ed"\n', 'marked'), 'exec -it');
    const relays = (): string[] => holdings().tools.filter((tool) => tool.split(' ')[1] === 'socat');
    await waitUntil(() => relays().length === 0 || undefined, 'the stdin relay to go', 5_000).catch(() => undefined);
    expect(relays(), 'stdin relays of the gone client').toEqual([]);
    // The exec's shell may still run: once it ends, nothing of the exec is left. Its pid is in the exec's directory (`-p` of its conmon).
    for (const { argv } of childrenOf(engine!.daemon().pid)) {
      const pidFile = argv[argv.indexOf('-p') + 1];
      if (argv.includes('--exec') && pidFile && existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    }
    await expectLetGo(before, 'exec -it');
  }, 60_000);

  it('docker pull: a download stalled by the registry stops, and the lease on the store goes', async () => {
    const proxy = await registryProxy(registry().host);
    try {
      // Its top layer is one the store does not have yet (the bottom one is busybox's).
      await pushFixture(registry(), 'layered', 'library/layered:test');
      const layer = (await manifestLayers(registry(), 'library/layered', 'test')).at(-1)!;
      const stalled = proxy.stallAfter(layer.digest, Math.floor(layer.size / 2));
      const before = await settledHoldings();
      const client = docker('pull', `${proxy.host}/library/layered:test`);
      let reached = false;
      void stalled.then(() => (reached = true));
      await disconnectMidStream(before, client, () => reached, 'pull');
      await expectLetGo(before, 'pull');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  async function running(name: string): Promise<boolean> {
    const inspect = expectStatus(await engineRequest(engine!.endpoint, { method: 'GET', path: `/containers/${name}/json` }), [200], `inspect ${name}`);
    return (JSON.parse(inspect.body) as { State: { Running: boolean } }).State.Running;
  }
});

/** What `now` holds beyond `before`, per kind: each entry as many times more as it is there. */
function addedSince<T extends Record<string, string[]>>(before: T, now: T): T {
  const added = {} as Record<string, string[]>;
  for (const [kind, entries] of Object.entries(now)) {
    const left = [...(before[kind] ?? [])];
    added[kind] = entries.filter((entry) => {
      const index = left.indexOf(entry);
      if (index < 0) return true;
      left.splice(index, 1);
      return false;
    });
  }
  return added as T;
}

/** The layers of the image's manifest for this platform, bottom first. */
async function manifestLayers(registry: TestRegistry, repository: string, tag: string): Promise<{ digest: string; size: number }[]> {
  const accept = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json';
  type Manifest = { manifests?: { digest: string }[]; layers?: { digest: string; size: number }[] };
  const get = async (reference: string): Promise<Manifest> => (await (await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, { headers: { accept } })).json()) as Manifest;
  const top = await get(tag);
  const manifest = top.manifests ? await get(top.manifests[0]!.digest) : top;
  return manifest.layers ?? [];
}

/** The moment a client is mid-stream: it has written `input` and read `expected` back. */
function answers(client: { child: { stdin: NodeJS.WritableStream | null }; output(): string }, input: string, expected: string): () => boolean {
  return () => {
    client.child.stdin!.write(input);
    return client.output().includes(expected);
  };
}
