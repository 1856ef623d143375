import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What `runc --version` says of itself: `runc version 1.1.5+ds1` and `commit: 1.1.5+ds1-1+deb12u1`. */
export interface RuntimeVersion {
  version: string;
  commit: string;
}

/**
 * Reads the OCI runtime's version the first time it is asked for and keeps the answer, as dockerd
 * does: `/version` and `/info` are polled by clients and must not start a process each time. A
 * runtime that cannot say is left out of the answers (undefined), not an error of theirs.
 */
export function runtimeVersionReader(runtimePath: string): () => Promise<RuntimeVersion | undefined> {
  let answer: Promise<RuntimeVersion | undefined> | undefined;
  return () => (answer ??= readRuntimeVersion(runtimePath));
}

async function readRuntimeVersion(runtimePath: string): Promise<RuntimeVersion | undefined> {
  try {
    const { stdout } = await run(runtimePath, ['--version'], { timeout: 5_000 });
    return parseRuntimeVersion(stdout);
  } catch {
    return undefined;
  }
}

/** moby's parseRuntimeVersion: the first line's last word, and the `commit:` line. */
export function parseRuntimeVersion(output: string): RuntimeVersion | undefined {
  const version = /^\S+ version (\S+)/m.exec(output)?.[1];
  if (version === undefined) return undefined;
  return { version, commit: /^commit: (\S+)/m.exec(output)?.[1] ?? '' };
}
