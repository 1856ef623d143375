import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ContainerCreateRequest } from '../../../../src/api/types/containers.js';
import { ContainerEngine, type ContainerEngineOptions } from '../../../../src/runtime/containers/engine/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture, type FixtureName } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';

/**
 * A scratch engine per test file: its own state and run directories, an image store filled from
 * the test registry, and a cgroup parent of its own. After each test every container is removed
 * and nothing may be left: no conmon or container process, no runc state, no mount, no cgroup.
 */
export interface EngineFixture {
  root: string;
  engine(): ContainerEngine;
  /** Options for another engine process on the same directories. */
  options(): ContainerEngineOptions;
  /** A fresh engine on the same directories, as after a restart; the current one is closed. */
  reopen(): Promise<ContainerEngine>;
  /** The reference of a fixture image, pulled into the store on first use. */
  image(name: FixtureName): Promise<string>;
  /** Background failures the engine reported (must stay empty). */
  errors: unknown[];
}

export function useEngine(): EngineFixture {
  const registry = useRegistry();
  const root = mkdtempSync(join(tmpdir(), 'berth-engine-'));
  const cgroupParent = `berth-engine-test-${randomBytes(4).toString('hex')}`;
  const images = new ContentStore(join(root, 'images'));
  const pulled = new Map<FixtureName, Promise<string>>();
  const errors: unknown[] = [];
  let current: ContainerEngine | undefined;
  const options = (): ContainerEngineOptions => ({
    stateDirectory: join(root, 'state'),
    runDirectory: join(root, 'run'),
    images,
    cgroupParent,
    onError: (error) => errors.push(error),
  });

  beforeAll(async () => {
    current = await ContainerEngine.open(options());
  });
  afterEach(async () => {
    const engine = current!;
    for (const container of engine.list({ all: true })) await engine.remove(container.Id, { force: true, volumes: true });
    expect(errors.splice(0)).toEqual([]);
    expect(leftovers(root, cgroupParent)).toEqual([]);
  });
  afterAll(() => {
    current?.close();
    for (const controller of readdirSync('/sys/fs/cgroup')) {
      const parent = join('/sys/fs/cgroup', controller, cgroupParent);
      if (existsSync(parent)) rmdirSync(parent);
    }
    rmSync(root, { recursive: true, force: true });
  });

  return {
    root,
    engine: () => current!,
    options,
    async reopen() {
      current?.close();
      current = await ContainerEngine.open(options());
      return current;
    },
    image(name) {
      let reference = pulled.get(name);
      if (!reference) {
        reference = (async () => {
          const pushed = await pushFixture(registry(), name, `library/${name}:test`);
          return (await pullImage(images, pushed.reference)).reference;
        })();
        pulled.set(name, reference);
      }
      return reference;
    },
    errors,
  };
}

/** What a test may leave behind, which must be nothing. */
export function leftovers(root: string, cgroupParent: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(root) && state !== 'Z' && Number(pid) !== process.pid) found.push(`process ${pid}: ${cmdline.replaceAll('\0', ' ').trim()}`);
    } catch {
      // The process left while we looked.
    }
  }
  const runcRoot = join(root, 'run', 'runc');
  if (existsSync(runcRoot)) for (const entry of readdirSync(runcRoot)) found.push(`runc state ${entry}`);
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) if (line.includes(root)) found.push(`mount ${line}`);
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const parent = join('/sys/fs/cgroup', controller, cgroupParent);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) if (entry.isDirectory()) found.push(`cgroup ${join(parent, entry.name)}`);
  }
  return found;
}

/** Polls `check` until it gives a value (not false or undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | false | undefined | Promise<T | false | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The container's log as text, both streams. */
export async function logText(engine: ContainerEngine, id: string): Promise<string> {
  let text = '';
  for await (const message of engine.logs(id, { stdout: true, stderr: true })) text += message.text.toString();
  return text;
}

/** Creates and starts a container, waits for its exit, and gives its exit code and log. */
export async function runToExit(engine: ContainerEngine, request: ContainerCreateRequest): Promise<{ id: string; exitCode: number; log: string }> {
  const { Id } = await engine.create(request);
  await engine.start(Id);
  const { StatusCode } = await engine.wait(Id);
  return { id: Id, exitCode: StatusCode, log: await logText(engine, Id) };
}
