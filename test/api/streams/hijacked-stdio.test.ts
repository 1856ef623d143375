import { beforeAll, describe, expect, it } from 'vitest';
import { attachContainer } from '../../../src/api/client/attach.js';
import { startExec } from '../../../src/api/client/exec-session.js';
import type { StdioSession } from '../../../src/api/client/hijack-session.js';
import { splitLines, type OutputLine } from '../../../src/api/client/multiplexed-lines.js';
import type { StreamChunk } from '../../../src/api/client/multiplexed-stream.js';
import type { EngineEndpoint } from '../../../src/api/endpoint.js';
import { useDockerEngine } from '../../harness/docker-engine.js';
import { engineRequest, expectStatus } from '../../harness/engine-http.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';

// Exec and attach against a real dockerd; the few calls around them (create, start, inspect,
// wait) are raw HTTP so these tests depend on nothing but the stream code under test.
const apiPrefix = '/v1.41';
const engine = useDockerEngine();
let image: string;
let sleeper: string;

beforeAll(async () => {
  image = await ensureBusyboxImage(engine());
  sleeper = await createContainer(engine().endpoint, { Image: image, Cmd: ['sleep', '3600'] });
  await startContainer(engine().endpoint, sleeper);
}, 120_000);

async function call(endpoint: EngineEndpoint, method: string, path: string, json: unknown, expected: number[]): Promise<unknown> {
  const answer = expectStatus(await engineRequest(endpoint, { method, path: `${apiPrefix}${path}`, json }), expected, `${method} ${path}`);
  return answer.body === '' ? undefined : JSON.parse(answer.body);
}

async function createContainer(endpoint: EngineEndpoint, config: Record<string, unknown>): Promise<string> {
  return ((await call(endpoint, 'POST', '/containers/create', config, [201])) as { Id: string }).Id;
}

async function startContainer(endpoint: EngineEndpoint, id: string): Promise<void> {
  await call(endpoint, 'POST', `/containers/${id}/start`, undefined, [204]);
}

async function createExec(config: Record<string, unknown>): Promise<string> {
  return ((await call(engine().endpoint, 'POST', `/containers/${sleeper}/exec`, config, [201])) as { Id: string }).Id;
}

/** Exec inspect until the exec is no longer running: the stream can close a moment before the engine records the exit. */
async function execExitCode(execId: string): Promise<number> {
  for (;;) {
    const state = (await call(engine().endpoint, 'GET', `/exec/${execId}/json`, undefined, [200])) as { Running: boolean; ExitCode: number | null };
    if (!state.Running && state.ExitCode !== null) return state.ExitCode;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function linesOf(session: StdioSession): Promise<Omit<OutputLine, 'partial'>[]> {
  const lines: Omit<OutputLine, 'partial'>[] = [];
  for await (const { stream, text } of splitLines(session.output)) lines.push({ stream, text });
  return lines;
}

async function chunksOf(session: StdioSession): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of session.output) chunks.push(chunk);
  return chunks;
}

describe('exec and attach over hijacked connections (dockerd)', () => {
  it('separates an exec’s stdout from its stderr, and exec inspect has its exit code', async () => {
    const execId = await createExec({ AttachStdout: true, AttachStderr: true, Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    const session = await startExec(engine().endpoint, apiPrefix, execId, { tty: false });
    const lines = await linesOf(session);
    expect(lines.filter((line) => line.stream === 'stdout')).toEqual([{ stream: 'stdout', text: 'out' }]);
    expect(lines.filter((line) => line.stream === 'stderr')).toEqual([{ stream: 'stderr', text: 'err' }]);
    expect(await execExitCode(execId)).toBe(3);
  });

  it('gives an exec stdin, and ending it lets `cat` finish', async () => {
    const execId = await createExec({ AttachStdin: true, AttachStdout: true, AttachStderr: true, Cmd: ['cat'] });
    const session = await startExec(engine().endpoint, apiPrefix, execId, { tty: false });
    await session.write('hello');
    await session.end();
    const chunks = await chunksOf(session);
    expect(Buffer.concat(chunks.map((chunk) => chunk.data)).toString('utf8')).toBe('hello');
    expect(chunks.every((chunk) => chunk.stream === 'stdout')).toBe(true);
    expect(await execExitCode(execId)).toBe(0);
  });

  it('reads an exec with a TTY raw: one stream, with the terminal’s line endings', async () => {
    const execId = await createExec({ AttachStdout: true, AttachStderr: true, Tty: true, Cmd: ['sh', '-c', 'echo tty-out; echo tty-err >&2'] });
    const session = await startExec(engine().endpoint, apiPrefix, execId, { tty: true });
    const chunks = await chunksOf(session);
    expect(chunks.every((chunk) => chunk.stream === 'stdout')).toBe(true);
    expect(Buffer.concat(chunks.map((chunk) => chunk.data)).toString('utf8')).toBe('tty-out\r\ntty-err\r\n');
  });

  it('attaches to a container before it starts and feeds the line it reads', async () => {
    const { endpoint } = engine();
    const id = await createContainer(endpoint, {
      Image: image,
      Cmd: ['sh', '-c', 'read x; echo got $x'],
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
    const session = await attachContainer(endpoint, apiPrefix, id, {
      stdin: true,
      stdout: true,
      stderr: true,
      stream: true,
      logs: false,
      tty: false,
      input: (async function* () {
        yield 'berth\n';
      })(),
    });
    await startContainer(endpoint, id);
    expect(await linesOf(session)).toEqual([{ stream: 'stdout', text: 'got berth' }]);
    const exit = (await call(endpoint, 'POST', `/containers/${id}/wait`, undefined, [200])) as { StatusCode: number };
    expect(exit.StatusCode).toBe(0);
  });
});
