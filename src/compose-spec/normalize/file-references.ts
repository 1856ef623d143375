import type { FileReferenceConfig } from '../model/index.js';
import { formatFileMode } from './file-mode.js';
import { isMapping, scalarText } from './values.js';

/**
 * `secrets:` / `configs:` / `build.secrets:` entries in long syntax: a name is `{source: name}`.
 * `defaultTarget` gives the target of an entry that has none (`/run/secrets/<source>` for a
 * service's secrets; configs and build secrets have no default).
 */
export function fileReferences(raw: unknown[], defaultTarget?: (source: string) => string): FileReferenceConfig[] {
  return raw.map((entry) => {
    const written = isMapping(entry) ? entry : { source: scalarText(entry) };
    const source = scalarText(written.source);
    const { mode, uid, gid, ...rest } = written;
    return {
      ...rest,
      source,
      ...(written.target === undefined && defaultTarget && { target: defaultTarget(source) }),
      ...(uid !== undefined && { uid: scalarText(uid) }),
      ...(gid !== undefined && { gid: scalarText(gid) }),
      ...(mode !== undefined && mode !== null && { mode: formatFileMode(mode) }),
    } as FileReferenceConfig;
  });
}
