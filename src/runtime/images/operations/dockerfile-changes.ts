import { posix } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { expandWord, splitWords } from './shell-words.js';

/** The container defaults an import can set: the `config` of the image it makes. */
export interface ChangedConfig {
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
}

const supported = ['CMD', 'ENTRYPOINT', 'ENV', 'WORKDIR'];
/** The shell of a shell-form CMD or ENTRYPOINT on Linux. */
const shell = ['/bin/sh', '-c'];

/**
 * Applies `docker import --change` instructions, in order, as Docker's `BuildFromConfig` does
 * on an empty configuration, limited to CMD, ENTRYPOINT, ENV and WORKDIR:
 *
 * - `CMD ["a", "b"]` (a JSON array of strings) is the command itself; anything else is shell
 *   form, `["/bin/sh", "-c", text]`. ENTRYPOINT alike. Neither expands variables.
 * - `ENV A=1 B="two words"` sets each pair, or the old `ENV NAME the value`; values expand
 *   variables set before the instruction (`ENV PATH=/opt/bin:$PATH`); a name already set is
 *   replaced in place.
 * - `WORKDIR /srv`; a relative one is joined to the one before (`WORKDIR app` after it is
 *   `/srv/app`). Variables expand.
 *
 * Instruction names are case-insensitive, as in a Dockerfile.
 */
export function applyChanges(changes: readonly string[]): ChangedConfig {
  const config: ChangedConfig = {};
  for (const change of changes) {
    const match = /^\s*(\S+)\s*([\s\S]*?)\s*$/.exec(change);
    if (!match) throw changeError(change, 'it is empty', `write an instruction: ${supported.join(', ')}`);
    const instruction = match[1]!.toUpperCase();
    const text = match[2]!;
    try {
      if (instruction === 'CMD') config.Cmd = command(text, 'CMD');
      else if (instruction === 'ENTRYPOINT') config.Entrypoint = command(text, 'ENTRYPOINT');
      else if (instruction === 'ENV') config.Env = withEnv(config.Env ?? [], text);
      else if (instruction === 'WORKDIR') config.WorkingDir = workdir(config.WorkingDir ?? '', text, config.Env ?? []);
      else throw changeError(change, `${instruction} is not a change berth's import makes`, `use ${supported.join(', ')}; set anything else when the container is created`);
    } catch (error) {
      if (error instanceof BerthError) throw error;
      throw changeError(change, error instanceof Error ? error.message : String(error), 'write it as in a Dockerfile');
    }
  }
  return config;
}

function command(text: string, instruction: string): string[] {
  if (text === '') throw new Error(`${instruction} requires at least one argument`);
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
    } catch {
      // Not JSON: a Dockerfile takes it as shell form.
    }
  }
  return [...shell, text];
}

function withEnv(env: string[], text: string): string[] {
  const words = splitWords(text);
  if (words.length === 0) throw new Error('ENV requires at least one argument');
  const current = environment(env);
  let pairs: Array<[string, string]>;
  if (!words[0]!.includes('=')) {
    const [name, value] = text.split(/\s+(.*)/s);
    if (value === undefined || value === '') throw new Error('ENV must have two arguments: a name and a value');
    pairs = [[expandWord(name!, current), expandWord(value, current)]];
  } else {
    pairs = words.map((word) => {
      if (!word.includes('=')) throw new Error(`can't find = in ${JSON.stringify(word)}; write NAME=VALUE`);
      const equals = word.indexOf('=');
      return [expandWord(word.slice(0, equals), current), expandWord(word.slice(equals + 1), current)];
    });
  }
  const result = [...env];
  for (const [name, value] of pairs) {
    if (name === '') throw new Error('ENV names can not be blank');
    const index = result.findIndex((entry) => entry.split('=', 1)[0] === name);
    if (index === -1) result.push(`${name}=${value}`);
    else result[index] = `${name}=${value}`;
  }
  return result;
}

function workdir(current: string, text: string, env: string[]): string {
  const path = expandWord(text, environment(env));
  if (path === '') throw new Error('WORKDIR requires exactly one argument');
  // Docker joins a relative path to the current one and cleans it (Go's filepath.Join: no
  // trailing slash); an absolute one is kept as written.
  return posix.isAbsolute(path) ? path : posix.join('/', current, path).replace(/(.)\/+$/, '$1');
}

function environment(env: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of env) {
    const equals = entry.indexOf('=');
    values.set(equals === -1 ? entry : entry.slice(0, equals), equals === -1 ? '' : entry.slice(equals + 1));
  }
  return values;
}

function changeError(change: string, problem: string, hint: string): BerthError {
  return new BerthError({ code: 'INVALID_IMAGE_CHANGE', kind: 'usage', message: `import change ${JSON.stringify(change)}: ${problem}`, hint });
}
