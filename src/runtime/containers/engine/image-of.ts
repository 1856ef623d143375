import { existsSync } from 'node:fs';
import type { HealthConfig } from '../../../api/types/containers.js';
import type { ImageConfig } from '../../../api/types/images.js';
import { BerthError } from '../../../errors/index.js';
import { chainIds, type ContentStore } from '../../images/index.js';
import { readImageConfig, type RawContainerConfig } from '../../images/operations/index.js';

/** What a container needs of its image: the config its own is merged with, and the unpacked layers. */
export interface ImageForContainer {
  id: string;
  config: ImageConfig;
  /** store.diffPath of each layer's ChainID, bottom first. */
  layers: string[];
}

/** Reads image `id` (`sha256:…`) from the store; `subject` names it in errors (the reference the user gave). */
export async function imageForContainer(store: ContentStore, id: string, subject: string): Promise<ImageForContainer> {
  const file = await readImageConfig(store, id, subject);
  const layers = chainIds(file.diffIds).map((chainId) => store.diffPath(chainId));
  const missing = layers.find((layer) => !existsSync(layer));
  if (missing !== undefined) {
    throw new BerthError({
      code: 'IMAGE_LAYER_MISSING',
      kind: 'not-found',
      message: `the image ${subject} (${id.slice(7, 19)}) has lost its unpacked layer ${missing}`,
      hint: 'pull or load the image again, then start the container',
    });
  }
  return { id, config: imageConfig(file.config ?? {}), layers };
}

/** The image configuration's `config` in the Engine API's shape, each field taken only when it has the right type. */
function imageConfig(raw: RawContainerConfig): ImageConfig {
  const config: ImageConfig = {};
  const text = (key: string): string | undefined => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  const list = (key: string): string[] | undefined => (Array.isArray(raw[key]) && (raw[key] as unknown[]).every((item) => typeof item === 'string') ? (raw[key] as string[]) : undefined);
  const map = <T>(key: string): T | undefined => (typeof raw[key] === 'object' && raw[key] !== null && !Array.isArray(raw[key]) ? (raw[key] as T) : undefined);
  const user = text('User');
  if (user) config.User = user;
  const workingDir = text('WorkingDir');
  if (workingDir) config.WorkingDir = workingDir;
  const stopSignal = text('StopSignal');
  if (stopSignal) config.StopSignal = stopSignal;
  const env = list('Env');
  if (env) config.Env = env;
  const cmd = list('Cmd');
  if (cmd) config.Cmd = cmd;
  const entrypoint = list('Entrypoint');
  if (entrypoint) config.Entrypoint = entrypoint;
  const shell = list('Shell');
  if (shell) config.Shell = shell;
  const ports = map<Record<string, Record<string, never>>>('ExposedPorts');
  if (ports) config.ExposedPorts = ports;
  const volumes = map<Record<string, Record<string, never>>>('Volumes');
  if (volumes) config.Volumes = volumes;
  const labels = map<Record<string, string>>('Labels');
  if (labels) config.Labels = labels;
  const health = map<HealthConfig>('Healthcheck');
  if (health) config.Healthcheck = health;
  return config;
}
