import { readFile } from 'node:fs/promises';
import { BerthError } from '../../../errors/index.js';
import { asDockerDefault } from './docker-seccomp.js';

/**
 * Where Debian's containers-common puts its default profile (Docker's JSON format): the source of
 * berth's default, which is Docker 20.10's (see docker-seccomp.ts).
 */
export const defaultSeccompProfilePath = '/usr/share/containers/seccomp.json';

/**
 * A seccomp profile in Docker's JSON format (moby profiles/seccomp), which is also what
 * containers-common ships: conditions per syscall group that the engine resolves against the
 * container before handing libseccomp a plain list. Fields the format has but the conversion does
 * not need (`comment`, `errno` names) are not declared.
 */
export interface SeccompProfile {
  defaultAction: string;
  defaultErrnoRet?: number;
  /** The old form: a flat list of architectures. A profile has this or archMap, never both. */
  architectures?: string[];
  archMap?: { architecture: string; subArchitectures?: string[] | null }[] | null;
  flags?: string[];
  listenerPath?: string;
  listenerMetadata?: string;
  syscalls?: ProfileSyscall[] | null;
}

export interface ProfileSyscall {
  name?: string;
  names?: string[] | null;
  action: string;
  errnoRet?: number;
  args?: ProfileArg[] | null;
  includes?: ProfileFilter | null;
  excludes?: ProfileFilter | null;
}

export interface ProfileArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
}

/** A condition on the container: its architecture, its capabilities, the host kernel. */
export interface ProfileFilter {
  arches?: string[] | null;
  caps?: string[] | null;
  /** `"5.8"`: the kernel must be at least this version. */
  minKernel?: string;
}

/**
 * Reads and parses the profile at `path`. containers-common's profile, the default, comes back made
 * Docker 20.10's default; any other file (an operator's own, as with dockerd's --seccomp-profile)
 * comes back as it is.
 */
export async function loadSeccompProfile(path: string = defaultSeccompProfilePath): Promise<SeccompProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new BerthError({
      code: 'SECCOMP_PROFILE_MISSING',
      kind: 'unavailable',
      message: `cannot read the default seccomp profile ${path}: ${(cause as Error).message}`,
      hint: 'install it with `apt-get install golang-github-containers-common`, or point the engine at another profile',
      cause,
    });
  }
  const profile = parseSeccompProfile(text, path);
  return path === defaultSeccompProfilePath ? asDockerDefault(profile) : profile;
}

/** Parses a profile's JSON text; `source` names it in errors (a path, or "security_opt"). */
export function parseSeccompProfile(text: string, source: string): SeccompProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw malformed(source, `it is not JSON (${(cause as Error).message})`, cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(source, 'it is not a JSON object');
  const profile = value as SeccompProfile;
  if (typeof profile.defaultAction !== 'string' && profile.syscalls?.length) throw malformed(source, 'it has syscalls but no defaultAction');
  if (profile.architectures?.length && profile.archMap?.length) throw malformed(source, "it has both 'architectures' and 'archMap'; use one");
  for (const syscall of profile.syscalls ?? []) {
    if (syscall.name && syscall.names?.length) throw malformed(source, `a rule has both 'name' (${syscall.name}) and 'names'; use one`);
    for (const filter of [syscall.includes, syscall.excludes]) {
      if (filter?.minKernel !== undefined && !/^\d+\.\d+$/.test(filter.minKernel)) throw malformed(source, `minKernel "${filter.minKernel}" is not a kernel version like "5.8"`);
    }
    for (const arg of syscall.args ?? []) {
      if (!Number.isSafeInteger(arg.value) || !Number.isSafeInteger(arg.valueTwo ?? 0)) {
        throw malformed(source, `an argument value of ${syscall.name ?? syscall.names?.join(',')} is beyond 2^53, which berth cannot represent exactly`);
      }
    }
  }
  return profile;
}

function malformed(source: string, problem: string, cause?: unknown): BerthError {
  return new BerthError({
    code: 'SECCOMP_PROFILE_INVALID',
    kind: 'usage',
    message: `the seccomp profile from ${source} is invalid: ${problem}`,
    hint: "give a profile in Docker's JSON format (see moby's profiles/seccomp/default.json); security_opt takes the profile's content, which docker and compose read from the file for you",
    cause,
  });
}
