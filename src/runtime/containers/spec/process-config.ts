import { posix } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import type { ContainerConfig } from '../../../api/types/containers.js';
import { mergeCommand } from './command.js';
import { mergeConfigEnv } from './environment.js';

/** The image config's `config` fields a container's process starts from (OCI image-spec config.md). */
export interface ImageProcessConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  User?: string;
  WorkingDir?: string;
}

/** The container's process fields after Docker merges them with the image's (what inspect's `Config` shows). */
export interface MergedProcessConfig {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  Env: string[];
  User: string;
  WorkingDir: string;
}

/** Docker's merge: the container's value where it sets one, else the image's (see mergeCommand and mergeConfigEnv). */
export function mergeProcessConfig(config: ContainerConfig, image: ImageProcessConfig): MergedProcessConfig {
  return {
    ...mergeCommand(config, image),
    Env: mergeConfigEnv(config.Env, image.Env),
    User: config.User || image.User || '',
    WorkingDir: config.WorkingDir || image.WorkingDir || '',
  };
}

/** The process's working directory: `/` when unset; runc creates it when the image lacks it, as Docker does. */
export function workingDirectory(workingDir: string): string {
  if (workingDir === '') return '/';
  if (!posix.isAbsolute(workingDir)) {
    throw new BerthError({
      code: 'CONTAINER_WORKING_DIR_INVALID',
      kind: 'usage',
      message: `the working directory "${workingDir}" is invalid: it needs to be an absolute path`,
      hint: 'write working_dir as a path inside the container starting with /, such as /app',
    });
  }
  return posix.normalize(workingDir).replace(/(.)\/$/, '$1');
}
