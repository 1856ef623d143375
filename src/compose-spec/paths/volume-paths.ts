import { ComposeError, type DocumentPath } from '../compose-error.js';
import { isMapping } from '../merge/tree.js';
import { parseVolumeShortSyntax } from '../normalize/volume-spec.js';
import { hostPath } from './path-forms.js';

/**
 * Bind mount sources of a service's `volumes`, made absolute. compose-go resolves them on the
 * long form (its canonical phase runs first), so a short-syntax bind whose source changes
 * (`./data:/data`, `~/cache:/cache`) is replaced by its long form with the absolute source;
 * short entries that need nothing (named volumes, absolute sources) stay as they were written.
 */
export function resolveServiceVolumes(volumes: unknown[], path: DocumentPath, base: string): void {
  volumes.forEach((entry, index) => {
    if (typeof entry === 'string') {
      const mount = parseVolumeShortSyntax(entry, [...path, index]);
      if (mount.type !== 'bind' || typeof mount.source !== 'string') return;
      const source = hostPath(mount.source, base);
      if (source !== mount.source) volumes[index] = { ...mount, source };
      return;
    }
    if (!isMapping(entry) || entry.type !== 'bind') return;
    if (typeof entry.source !== 'string') {
      throw new ComposeError({
        code: 'COMPOSE_VOLUME',
        message: 'a bind mount needs a source',
        path: [...path, index],
        expected: 'source: the host path to mount',
        hint: 'add source: with a host directory or file, such as ./data',
      });
    }
    entry.source = hostPath(entry.source, base);
  });
}

/**
 * A top-level volume on the `local` driver with `o: bind` is a bind mount in disguise: its
 * `device` is a host path.
 */
export function resolveVolumeDevice(volume: unknown, base: string): void {
  if (!isMapping(volume) || volume.driver !== 'local') return;
  const options = volume.driver_opts;
  if (!isMapping(options) || options.o !== 'bind' || typeof options.device !== 'string') return;
  options.device = hostPath(options.device, base);
}
