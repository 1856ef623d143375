import type { DocumentPath } from '../compose-error.js';
import type { ServiceVolumeConfig } from '../model/index.js';
import { normalizeByteSize } from './byte-size.js';
import { parseVolumeShortSyntax } from './volume-spec.js';
import { isMapping } from './values.js';

/**
 * `volumes:` in long syntax. Short entries go through `parseVolumeShortSyntax`; long entries
 * keep what they say, with compose-go's defaults: a `bind:` block creates the host path unless
 * it says otherwise, and tmpfs sizes become byte counts.
 */
export function normalizeServiceVolumes(raw: unknown[], path: DocumentPath): ServiceVolumeConfig[] {
  return raw.map((entry, index) => {
    const entryPath = [...path, index];
    if (typeof entry === 'string') return parseVolumeShortSyntax(entry, entryPath);
    const volume = { ...(entry as Record<string, unknown>) };
    if (isMapping(volume.bind)) volume.bind = { ...volume.bind, create_host_path: volume.bind.create_host_path ?? true };
    if (isMapping(volume.tmpfs)) {
      const { size, mode, ...rest } = volume.tmpfs;
      volume.tmpfs = {
        ...rest,
        ...(size !== undefined && size !== null && { size: normalizeByteSize(size, [...entryPath, 'tmpfs', 'size']) }),
        ...(mode !== undefined && mode !== null && { mode: fileModeNumber(mode) }),
      };
    }
    return volume as unknown as ServiceVolumeConfig;
  });
}

/** A number, or a string read as Go's `ParseUint(text, 0, 32)` reads it (`01777` is octal). */
function fileModeNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^0[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  if (/^0o[0-7]+$/i.test(text)) return Number.parseInt(text.slice(2), 8);
  return Number(text);
}
