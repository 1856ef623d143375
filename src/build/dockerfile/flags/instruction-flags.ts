import { nearestName } from '../../../compose-spec/schema/suggest-name.js';
import { DockerfileError } from '../dockerfile-error.js';

export type FlagKind = 'string' | 'bool' | 'strings';
export type FlagSpec = Readonly<Record<string, FlagKind>>;

/** What a spec's flags hold once read: a string, a boolean, or every value of a repeatable flag. */
export type FlagValues<Spec extends FlagSpec> = {
  [Name in keyof Spec]?: Spec[Name] extends 'bool' ? boolean : Spec[Name] extends 'strings' ? string[] : string;
};

/** Flags Docker takes that berth's builder does not implement: named as such instead of "unknown". */
const UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  ADD: ['checksum', 'keep-git-dir', 'exclude', 'unpack'],
  COPY: ['parents', 'exclude'],
  RUN: ['device'],
};

/**
 * Reads an instruction's `--name=value` flags against what it accepts, with BuildKit's rules: a
 * string flag needs `=value`, a boolean flag takes nothing or `=true`/`=false`, only a `strings`
 * flag may repeat. `keyword` is the upper-case instruction, for messages.
 */
export function readFlags<Spec extends FlagSpec>(keyword: string, words: readonly string[], spec: Spec): FlagValues<Spec> {
  const values: Record<string, string | boolean | string[]> = {};
  for (const word of words) {
    const body = word.slice(2);
    const equals = body.indexOf('=');
    const name = equals === -1 ? body : body.slice(0, equals);
    const value = equals === -1 ? undefined : body.slice(equals + 1);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw unknownFlag(keyword, name, Object.keys(spec));
    if (kind !== 'strings' && Object.hasOwn(values, name)) throw flagError(`${keyword} --${name} is given twice`, `keep one --${name}`);
    if (kind === 'bool') values[name] = booleanValue(keyword, name, value);
    else if (value === undefined) throw flagError(`${keyword} --${name} needs a value`, `write --${name}=<value>`);
    else if (kind === 'string') values[name] = value;
    else values[name] = [...((values[name] as string[] | undefined) ?? []), value];
  }
  return values as FlagValues<Spec>;
}

function booleanValue(keyword: string, name: string, value: string | undefined): boolean {
  if (value === undefined) return true;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  throw flagError(`${keyword} --${name} takes true or false, not "${value}"`, `write --${name} or --${name}=false`);
}

function unknownFlag(keyword: string, name: string, accepted: readonly string[]): DockerfileError {
  if (UNSUPPORTED[keyword]?.includes(name)) {
    return new DockerfileError({
      code: 'DOCKERFILE_UNKNOWN_FLAG',
      detail: `${keyword} --${name} is not supported by berth`,
      hint: `remove --${name}; ${acceptedFlags(keyword, accepted)}`,
    });
  }
  const nearest = nearestName(name, accepted);
  return new DockerfileError({
    code: 'DOCKERFILE_UNKNOWN_FLAG',
    detail: `unknown flag for ${keyword}: --${name}`,
    hint: nearest === undefined ? acceptedFlags(keyword, accepted) : `did you mean --${nearest}?`,
  });
}

function acceptedFlags(keyword: string, accepted: readonly string[]): string {
  if (accepted.length === 0) return `${keyword} takes no flags`;
  return `${keyword} accepts ${[...accepted].sort().map((name) => `--${name}`).join(', ')}`;
}

function flagError(detail: string, hint: string): DockerfileError {
  return new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail, hint });
}
