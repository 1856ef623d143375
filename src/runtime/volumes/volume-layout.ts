import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Where volumes live, as Docker lays them out: `<state>/volumes/<name>/_data` is what containers
 * mount. Beside `_data`, berth keeps `volume.json` (what inspect shows) and `copied-up` (the mark
 * that the image's content was copied in once). Names starting with a dot are never volume names,
 * so berth's half-made or half-removed directories use them and are swept on sight.
 */
export class VolumeLayout {
  readonly root: string;

  constructor(stateDirectory: string) {
    this.root = join(stateDirectory, 'volumes');
  }

  directory(name: string): string {
    return join(this.root, name);
  }

  data(name: string): string {
    return join(this.root, name, '_data');
  }

  metadata(name: string): string {
    return join(this.root, name, 'volume.json');
  }

  copiedUpMark(name: string): string {
    return join(this.root, name, 'copied-up');
  }

  /** A fresh private directory name under the root for work in progress: `.create-…`, `.remove-…`. */
  scratch(purpose: 'create' | 'remove'): string {
    return join(this.root, `.${purpose}-${randomBytes(6).toString('hex')}`);
  }

  /** A fresh name beside `_data` for a copy in progress. */
  copyScratch(name: string): string {
    return join(this.root, name, `.copy-up-${randomBytes(6).toString('hex')}`);
  }

  static isScratch(entry: string): boolean {
    return entry.startsWith('.');
  }
}
