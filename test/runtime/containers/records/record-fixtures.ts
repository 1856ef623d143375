import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { mergeImageConfig, type NewContainer } from '../../../../src/runtime/containers/records/index.js';

const directories: string[] = [];

afterEach(() => {
  while (directories.length > 0) rmSync(directories.pop()!, { recursive: true, force: true });
});

/** An empty state directory, removed after the test. */
export function stateDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'berth-records-'));
  directories.push(directory);
  return directory;
}

export const imageId = `sha256:${'ab'.repeat(32)}`;

/** A container of the busybox fixture as Compose would ask for one, with labels to filter on. */
export function busyboxContainer(labels: Record<string, string> = {}, created?: Date): NewContainer {
  return {
    imageId,
    config: mergeImageConfig({ Image: 'busybox:latest', Cmd: ['sleep', '60'], Labels: labels }, { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] }),
    hostConfig: { RestartPolicy: { Name: 'no' } },
    mounts: [],
    anonymousVolumes: [],
    ...(created ? { created } : {}),
  };
}
