import { posix } from 'node:path';
import { ComposeError, type DocumentPath } from '../compose-error.js';
import type { ServiceVolumeBind, ServiceVolumeConfig } from '../model/index.js';

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
const SELINUX = new Set(['z', 'Z']);
const EXPECTED = 'a volume such as "data:/var/lib/data", "./src:/app:ro" or "/cache"';

/**
 * Parses the volume short syntax `[SOURCE:]TARGET[:MODE]` as Compose does:
 *
 * - a source starting with `.`, `/` or `~` is a bind mount, which short syntax creates on the
 *   host when missing (`bind.create_host_path: true`);
 * - any other source names a volume (`volume: {}` is printed for it);
 * - no source is an anonymous volume (`volume: {}` too, except for a one- or two-character spec,
 *   which Compose takes as a bare target);
 * - MODE is a comma-separated list of `ro`, `rw`, `nocopy`, `z`, `Z` and the propagation modes.
 *
 * Colons inside `${...}` do not split (the spec may not be interpolated yet). Compose ignores
 * modes it does not know; berth rejects them, since a typo there silently mounts read-write.
 * The target is cleaned as Go's `path.Clean` does (`/data/` is `/data`).
 */
export function parseVolumeShortSyntax(spec: string, path: DocumentPath): ServiceVolumeConfig {
  if (spec.length === 0) throw volumeError('invalid empty volume spec', path, 'write the container path to mount, such as "/data"');
  // Compose takes a spec of one or two characters as an anonymous volume's target without more ado.
  if (spec.length <= 2) return { type: 'volume', target: cleanTarget(spec) };

  const fields = splitFields(spec);
  if (fields.some((field) => field === '')) {
    throw volumeError(`invalid spec: ${spec}: empty section between colons`, path, 'remove the doubled colon');
  }
  if (fields.length > 3) {
    throw volumeError(`invalid spec: ${spec}: too many colons`, path, 'use the long syntax (type, source, target) for paths that contain colons');
  }
  if (fields.length === 1) return { type: 'volume', target: cleanTarget(fields[0]!), volume: {} };

  const [source, rawTarget, modes] = fields as [string, string, string | undefined];
  const target = cleanTarget(rawTarget);
  const options = parseModes(modes, spec, path);
  const readOnly = options.readOnly ? { read_only: true } : {};
  // Like Compose, bind options stay on a named volume and `nocopy` on a bind mount.
  const nocopy = options.nocopy ? { nocopy: true } : undefined;
  if (isHostPath(source)) {
    const bind: ServiceVolumeBind = { ...bindOptions(options), create_host_path: true };
    return { type: 'bind', source, target, ...readOnly, bind, ...(nocopy && { volume: nocopy }) };
  }
  const bind = options.selinux || options.propagation ? { bind: bindOptions(options) } : {};
  return { type: 'volume', source, target, ...readOnly, ...bind, volume: nocopy ?? {} };
}

/** Splits on colons outside `${...}`. */
function splitFields(spec: string): string[] {
  const fields: string[] = [];
  let current = '';
  let depth = 0;
  for (let index = 0; index < spec.length; index++) {
    const char = spec[index]!;
    if (char === '$' && spec[index + 1] === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    if (char === ':' && depth === 0) {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

interface Modes {
  readOnly: boolean;
  nocopy: boolean;
  selinux?: string;
  propagation?: string;
}

function parseModes(text: string | undefined, spec: string, path: DocumentPath): Modes {
  const modes: Modes = { readOnly: false, nocopy: false };
  if (text === undefined) return modes;
  for (const mode of text.split(',')) {
    if (mode === 'ro') modes.readOnly = true;
    else if (mode === 'rw') modes.readOnly = false;
    else if (mode === 'nocopy') modes.nocopy = true;
    else if (PROPAGATIONS.has(mode)) modes.propagation = mode;
    else if (SELINUX.has(mode)) modes.selinux = mode;
    else {
      throw volumeError(
        `invalid spec: ${spec}: unknown mode "${mode}"`,
        path,
        'use ro, rw, nocopy, z, Z or a propagation mode (rprivate, private, rshared, shared, rslave, slave), separated by commas',
      );
    }
  }
  return modes;
}

/** Go's `path.Clean`: no doubled or trailing slashes, `.` and `..` resolved. */
export function cleanTarget(target: string): string {
  const clean = posix.normalize(target);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

/** In Compose's key order: selinux, then propagation. */
function bindOptions(modes: Modes): ServiceVolumeBind {
  return { ...(modes.selinux && { selinux: modes.selinux }), ...(modes.propagation && { propagation: modes.propagation }) };
}

/** A bind mount's source: a relative, absolute or home-relative path. */
export function isHostPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

function volumeError(message: string, path: DocumentPath, hint: string): ComposeError {
  return new ComposeError({ code: 'COMPOSE_VOLUME_SPEC', message, path, expected: EXPECTED, hint });
}
