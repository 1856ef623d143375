import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { contextTar } from '../../../src/build/context/index.js';
import { useApiServer, type ApiServerFixture } from '../../api/server/api-server-fixture.js';
import { runToExit } from '../../runtime/containers/engine/engine-fixture.js';
import { readAll } from '../../api/server/containers/raw-api.js';

/**
 * What the builder's integration tests share: berth's engine behind a real API socket, a build
 * context folder per test, `docker build` with the classic builder (DOCKER_BUILDKIT=0), the raw
 * `POST /build` for what the docker CLI cannot send, and the user's checks: the built image's
 * container output, `docker image inspect`, and the build's output read step by step.
 */
export interface BuildFixture {
  server: ApiServerFixture;
  /** The busybox fixture image's reference, for FROM lines. */
  base(): Promise<string>;
  /** A new build context folder holding `files` (nested paths make their folders); removed after the file's tests. */
  project(files: ProjectFiles): string;
  /** A new empty folder, removed after the file's tests. */
  scratch(): string;
  /** `docker build ...args directory` with the classic builder; never rejects. */
  build(directory: string, ...args: string[]): Promise<CliResult>;
  /** `docker ...args`. */
  docker(...args: string[]): Promise<CliResult>;
  /** `docker image inspect`'s object for one image. */
  inspect(image: string): Promise<ImageInspect>;
  /** Runs a container of `image` (with `cmd` when given) to its exit. */
  run(image: string, cmd?: string[]): Promise<{ exitCode: number; log: string }>;
  /** `POST /build` sent by hand: the context's tar, the query, and berth's secrets header. */
  rawBuild(directory: string, options?: RawBuildOptions): Promise<RawBuild>;
}

export type ProjectFiles = Record<string, string | { content: string | Buffer; mode?: number }>;

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ImageInspect {
  Id: string;
  Config: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object> | null;
    Volumes?: Record<string, object> | null;
    Labels?: Record<string, string> | null;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
    StopSignal?: string;
    Shell?: string[] | null;
    OnBuild?: string[] | null;
  };
}

export interface RawBuildOptions {
  /** `POST /build`'s query parameters (`t`, `nocache`, `buildargs`, ...). */
  query?: Record<string, string>;
  /** Secrets sent in `X-Berth-Build-Secrets`, by id. */
  secrets?: Record<string, string>;
  /** The client hangs up as soon as the output so far passes this check (a user's Ctrl-C). */
  hangUpWhen?: (output: string) => boolean;
}

export interface RawBuild {
  status: number;
  /** The `{"stream"}` texts joined: the build's output as the CLI prints it. */
  output: string;
  /** The stream's `error`, or an error answer's `message`. */
  error: string | undefined;
  /** The image id from `{"aux":{"ID"}}`. */
  id: string | undefined;
  /** The answer as it came. */
  body: string;
  /** The client hung up (hangUpWhen) before the answer ended. */
  hungUp: boolean;
}

export function useBuildServer(): BuildFixture {
  const server = useApiServer();
  const made: string[] = [];
  const scratch = (): string => {
    const directory = mkdtempSync(join(tmpdir(), 'berth-build-'));
    made.push(directory);
    return directory;
  };
  afterAll(() => {
    for (const directory of made) rmSync(directory, { recursive: true, force: true });
  });
  return {
    server,
    base: () => server.engine.image('busybox'),
    project: (files) => project(scratch(), files),
    scratch,
    build: (directory, ...args) => server.docker(['build', ...args, directory], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 }),
    docker: (...args) => server.docker(args, { timeoutMs: 60_000 }),
    async inspect(image) {
      const inspected = await server.docker(['image', 'inspect', image]);
      if (inspected.exitCode !== 0) throw new Error(`docker image inspect ${image}: ${inspected.stderr}`);
      return (JSON.parse(inspected.stdout) as ImageInspect[])[0]!;
    },
    async run(image, cmd) {
      const { exitCode, log } = await runToExit(server.parts().containers, { Image: image, ...(cmd ? { Cmd: cmd } : {}) });
      return { exitCode, log };
    },
    rawBuild: (directory, options = {}) => rawBuild(server.socketPath(), directory, options),
  };
}

function project(directory: string, files: ProjectFiles): string {
  for (const [name, file] of Object.entries(files)) {
    const path = join(directory, name);
    mkdirSync(dirname(path), { recursive: true });
    const { content, mode } = typeof file === 'string' ? { content: file, mode: undefined } : file;
    writeFileSync(path, content);
    if (mode !== undefined) chmodSync(path, mode);
  }
  return directory;
}

async function rawBuild(socketPath: string, directory: string, options: RawBuildOptions): Promise<RawBuild> {
  const context = await contextTar(directory);
  const query = new URLSearchParams({ dockerfile: context.dockerfile, ...options.query });
  const headers: Record<string, string> = { 'content-type': 'application/x-tar' };
  if (options.secrets) {
    const encoded = Object.fromEntries(Object.entries(options.secrets).map(([id, value]) => [id, Buffer.from(value).toString('base64')]));
    headers['x-berth-build-secrets'] = Buffer.from(JSON.stringify(encoded)).toString('base64');
  }
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = request({ socketPath, method: 'POST', path: `/v1.41/build?${query.toString()}`, headers, agent: false }, resolve);
    outgoing.on('error', reject);
    context.tar.pipe(outgoing);
  });
  const status = response.statusCode ?? 0;
  if (status !== 200) {
    const body = (await readAll(response)).toString('utf8');
    return { status, output: '', error: (JSON.parse(body) as { message: string }).message, id: undefined, body, hungUp: false };
  }
  let body = '';
  let output = '';
  let error: string | undefined;
  let id: string | undefined;
  let hungUp = false;
  let pending = '';
  response.setEncoding('utf8');
  for await (const chunk of response) {
    body += chunk as string;
    pending += chunk as string;
    const lines = pending.split('\r\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((piece) => piece !== '')) {
      const message = JSON.parse(line) as { stream?: string; error?: string; aux?: { ID?: string } };
      if (message.stream !== undefined) output += message.stream;
      if (message.error !== undefined) error = message.error;
      if (message.aux?.ID !== undefined) id = message.aux.ID;
    }
    if (options.hangUpWhen?.(output)) {
      hungUp = true;
      response.destroy();
      break;
    }
  }
  return { status, output, error, id, body, hungUp };
}

/** One step of a classic build's output: its instruction as printed, and whether the cache gave it. */
export interface StepOutcome {
  instruction: string;
  cached: boolean;
}

/**
 * The build's output read step by step, as a user reads `Step N/M : ...` blocks: the FROM steps
 * are left out (they are never cached), each other step says whether it was ` ---> Using cache`.
 */
export function steps(output: string): StepOutcome[] {
  const blocks = output.split(/^Step \d+\/\d+ : /m).slice(1);
  return blocks
    .map((block) => {
      const [instruction = '', ...rest] = block.split('\n');
      return { instruction, cached: rest.includes(' ---> Using cache') };
    })
    .filter((step) => !/^FROM /i.test(step.instruction));
}

/** `instruction: cached|built`, one per step: a readable form to compare whole. */
export function cacheReport(output: string): string[] {
  return steps(output).map((step) => `${step.instruction}: ${step.cached ? 'cached' : 'built'}`);
}
