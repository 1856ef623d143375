import { nearestName } from '../../../compose-spec/schema/suggest-name.js';
import { DockerfileError, type DockerfileLocation } from '../dockerfile-error.js';
import { csvFields } from './csv-fields.js';

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type CacheSharing = 'shared' | 'private' | 'locked';

/**
 * One `RUN --mount`, as BuildKit reads it. Only what the spec says is set, except `readOnly`, which
 * defaults as in BuildKit: cache and tmpfs mounts are writable, the others read-only. The defaults
 * that depend on the build (a secret's target `/run/secrets/<id>`, a cache's id from its target,
 * `sharing=shared`, ssh's id `default`) are the builder's to apply.
 */
export interface RunMount {
  type: MountType;
  /** `target`, `dst` or `destination`; relative targets are taken from the working directory. */
  target?: string;
  /** `source` or `src`: a path in `from` (bind, cache), or the secret's id (secret). */
  source?: string;
  /** A stage, image or context to mount from (bind, cache). */
  from?: string;
  /** The cache, secret or ssh id. */
  id?: string;
  readOnly: boolean;
  sharing?: CacheSharing;
  /** A secret or ssh mount fails the step when the secret is not provided. */
  required: boolean;
  /** File mode, read as octal: `mode=0440`. */
  mode?: number;
  uid?: number;
  gid?: number;
  /** tmpfs size limit in bytes: `size=64m`. */
  size?: number;
  /** secret: also expose the secret as this environment variable. */
  env?: string;
}

const MOUNT_TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING: readonly CacheSharing[] = ['shared', 'private', 'locked'];
const KEYS = ['type', 'from', 'source', 'src', 'target', 'dst', 'destination', 'readonly', 'ro', 'readwrite', 'rw', 'id', 'sharing', 'required', 'mode', 'uid', 'gid', 'size', 'env'];

/**
 * Parses a `--mount` value with BuildKit's rules. `expand` replaces variables in each value (the
 * builder passes `expandWord` with the step's ARG and ENV); `from` may not use variables.
 * Errors carry `at` when given.
 */
export function parseRunMount(spec: string, expand: (value: string) => string = (value) => value, at?: DockerfileLocation): RunMount {
  const fail: Fail = (detail, hint) => {
    throw mountError(spec, detail, hint, at);
  };
  const fields = spec === '' ? undefined : csvFields(spec);
  if (!fields) return fail('not a comma-separated list of key=value fields', 'write --mount=type=cache,target=/root/.cache');
  const mount: RunMount = { type: 'bind', readOnly: true, required: false };
  let readOnlyGiven = false;
  for (const field of fields) {
    const equals = field.indexOf('=');
    const key = (equals === -1 ? field : field.slice(0, equals)).toLowerCase();
    if (equals === -1) {
      readOnlyGiven = applyFlagField(mount, key, field, fail) || readOnlyGiven;
      continue;
    }
    const raw = field.slice(equals + 1);
    if (key === 'from' && /\$./.test(raw)) throw fromVariableError(spec, at);
    readOnlyGiven = applyValueField(mount, key, field, expand(raw), fail) || readOnlyGiven;
  }
  if (!readOnlyGiven) mount.readOnly = mount.type !== 'cache' && mount.type !== 'tmpfs';
  validateMount(mount, fail);
  return mount;
}

type Fail = (detail: string, hint?: string) => never;

/** `ro`, `rw`, `required` without a value. True when the field sets read-only-ness. */
function applyFlagField(mount: RunMount, key: string, field: string, fail: Fail): boolean {
  if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') {
    mount.readOnly = key === 'readonly' || key === 'ro';
    return true;
  }
  if (key === 'required') {
    requireType(mount, key, ['secret', 'ssh'], fail);
    mount.required = true;
    return false;
  }
  return fail(`invalid field '${field}' must be a key=value pair`);
}

function applyValueField(mount: RunMount, key: string, field: string, value: string, fail: Fail): boolean {
  switch (key) {
    case 'type':
      mount.type = oneOf(value.toLowerCase(), MOUNT_TYPES, `unsupported mount type "${value}"`, fail);
      return false;
    case 'from':
      mount.from = value;
      return false;
    case 'source':
    case 'src':
      mount.source = value;
      return false;
    case 'target':
    case 'dst':
    case 'destination':
      mount.target = value;
      return false;
    case 'readonly':
    case 'ro':
      mount.readOnly = goBoolean(value) ?? fail(`invalid value for ${key}: ${value}`, `write ${key}=true or ${key}=false`);
      return true;
    case 'readwrite':
    case 'rw':
      mount.readOnly = !(goBoolean(value) ?? fail(`invalid value for ${key}: ${value}`, `write ${key}=true or ${key}=false`));
      return true;
    case 'required':
      requireType(mount, key, ['secret', 'ssh'], fail);
      mount.required = goBoolean(value) ?? fail(`invalid value for ${key}: ${value}`, `write ${key}=true or ${key}=false`);
      return false;
    case 'size':
      requireType(mount, key, ['tmpfs'], fail);
      mount.size = ramBytes(value) ?? fail(`invalid value for size: ${value}`, 'write a size such as size=64m');
      return false;
    case 'env':
      requireType(mount, key, ['secret'], fail);
      mount.env = value;
      return false;
    case 'id':
      mount.id = value;
      return false;
    case 'sharing':
      mount.sharing = oneOf(value.toLowerCase(), SHARING, `unsupported sharing value "${value}"`, fail);
      return false;
    case 'mode':
      mount.mode = unsigned(value, 8) ?? fail(`invalid value ${value} for mode`, 'write an octal mode such as mode=0755');
      return false;
    case 'uid':
    case 'gid':
      mount[key] = unsigned(value, 10) ?? fail(`invalid value ${value} for ${key}`, `write a number such as ${key}=1000`);
      return false;
    default: {
      const nearest = nearestName(key, KEYS);
      return fail(`unexpected key '${key}' in '${field}'`, nearest === undefined ? `mount keys are ${KEYS.join(', ')}` : `did you mean ${nearest}?`);
    }
  }
}

/** BuildKit checks the type known so far, so `type=` must come before keys that depend on it. */
function requireType(mount: RunMount, key: string, types: readonly MountType[], fail: Fail): void {
  if (!types.includes(mount.type)) fail(`unexpected key '${key}' for mount type '${mount.type}'`, `${key} applies to type=${types.join(' or type=')}, given before it`);
}

function validateMount(mount: RunMount, fail: Fail): void {
  if (mount.type === 'bind' || mount.type === 'tmpfs') {
    for (const key of ['mode', 'uid', 'gid'] as const) {
      if (mount[key] !== undefined) fail(`${key} not allowed for "${mount.type}" type mounts`);
    }
  }
  if (mount.type === 'secret') {
    if (mount.from !== undefined) fail('secret mount should not have a from');
    if (mount.sharing !== undefined) fail('secret mount should not define sharing');
    if (!mount.source && !mount.target && !mount.id) fail('invalid secret mount. one of source, target required', 'name the secret with id=<id>');
    if (mount.source && mount.id) fail("both source and id can't be set", 'keep id=<id>');
  }
  if (mount.sharing !== undefined && mount.type !== 'cache') fail(`invalid cache sharing set for ${mount.type} mount`);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], detail: string, fail: Fail): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const nearest = nearestName(value, allowed);
  return fail(detail, nearest === undefined ? `use one of ${allowed.join(', ')}` : `did you mean ${nearest}?`);
}

/** Go's strconv.ParseBool. */
function goBoolean(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function unsigned(value: string, radix: 8 | 10): number | undefined {
  const digits = radix === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!digits.test(value)) return undefined;
  const number = parseInt(value, radix);
  return number <= 0xffffffff ? number : undefined;
}

/** docker/go-units RAMInBytes: `64m`, `1.5GiB`, `512k`, in powers of 1024. */
function ramBytes(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!match) return undefined;
  const power = match[2] === undefined ? 0 : 'kmgtp'.indexOf(match[2].toLowerCase()) + 1;
  return Math.trunc(parseFloat(match[1] as string) * 1024 ** power);
}

/**
 * The check RUN makes while parsing: a spec without variables is parsed in full now, so its
 * mistakes name the line before the build starts; one with variables can only be checked for its
 * shape and for a variable in `from` until the build knows the values.
 */
export function checkRunMountSpec(spec: string): void {
  if (!spec.includes('$')) {
    parseRunMount(spec);
    return;
  }
  const fields = csvFields(spec);
  if (!fields) parseRunMount(spec);
  else if (fields.some((field) => /^from=.*\$./i.test(field))) throw fromVariableError(spec);
}

function fromVariableError(spec: string, at?: DockerfileLocation): DockerfileError {
  return mountError(spec, "'from' doesn't support variable expansion", 'define a stage with FROM <image> AS <name> and mount from=<name>', at);
}

function mountError(spec: string, detail: string, hint: string | undefined, at: DockerfileLocation | undefined): DockerfileError {
  return new DockerfileError({ code: 'DOCKERFILE_INVALID_MOUNT', detail: `--mount=${spec}: ${detail}`, hint, at });
}
