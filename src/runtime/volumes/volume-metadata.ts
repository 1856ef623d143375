import { readFile } from 'node:fs/promises';
import type { Labels } from '../../api/types/common.js';
import type { Volume } from '../../api/types/volumes.js';
import { BerthError } from '../../errors/index.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';

/**
 * What `volume.json` holds: the volume as inspect shows it, less Mountpoint (derived from where
 * the state directory is, so a moved state directory keeps working). Labels and Options stay
 * exactly as given: null when the request had none, `{}` when it had an empty map, as Docker shows them.
 */
export interface VolumeMetadata {
  schemaVersion: 1;
  Name: string;
  Driver: 'local';
  CreatedAt: string;
  Labels: Labels | null;
  Options: Record<string, string> | null;
  Scope: 'local';
}

export function writeVolumeMetadata(path: string, metadata: VolumeMetadata): void {
  writeFileAtomic(path, `${JSON.stringify(metadata, null, 2)}\n`, 0o600);
}

/** The metadata at `path`, or undefined when there is none (the volume does not exist). */
export async function readVolumeMetadata(path: string): Promise<VolumeMetadata | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    return parseMetadata(text);
  } catch (cause) {
    throw new BerthError({
      code: 'VOLUME_METADATA_CORRUPT',
      kind: 'internal',
      message: `the volume metadata at ${path} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: 'berth only ever replaces this file whole, so something else changed it; restore it, or remove the volume directory beside it',
      cause,
    });
  }
}

export function volumeView(metadata: VolumeMetadata, mountpoint: string): Volume {
  return {
    CreatedAt: metadata.CreatedAt,
    Driver: metadata.Driver,
    Labels: metadata.Labels,
    Mountpoint: mountpoint,
    Name: metadata.Name,
    Options: metadata.Options,
    Scope: metadata.Scope,
  };
}

function parseMetadata(text: string): VolumeMetadata {
  const value = JSON.parse(text) as Partial<VolumeMetadata> | null;
  if (value?.schemaVersion !== 1 || typeof value.Name !== 'string' || typeof value.CreatedAt !== 'string') {
    throw new Error('expected {"schemaVersion": 1, "Name": ..., "CreatedAt": ...}');
  }
  if (!isStringMap(value.Labels) || !isStringMap(value.Options)) throw new Error('Labels and Options must be null or maps of strings');
  return { schemaVersion: 1, Name: value.Name, Driver: 'local', CreatedAt: value.CreatedAt, Labels: value.Labels, Options: value.Options, Scope: 'local' };
}

function isStringMap(value: unknown): value is Record<string, string> | null {
  return value === null || (typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((entry) => typeof entry === 'string'));
}
