/** Docker's default PATH for Linux containers (what a container gets when neither it nor its image sets PATH). */
export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Docker's merge of a container's Env with its image's, as inspect shows `Config.Env`: the
 * container's entries as given, then each image entry whose name the container does not mention.
 * A bare `NAME` (no `=`) in the container's list mentions NAME, so it keeps the image's NAME out.
 */
export function mergeConfigEnv(containerEnv: readonly string[] | null | undefined, imageEnv: readonly string[] | null | undefined): string[] {
  const container = containerEnv ?? [];
  const image = imageEnv ?? [];
  if (container.length === 0) return [...image];
  const named = new Set(container.map(envName));
  return [...container, ...image.filter((entry) => !named.has(envName(entry)))];
}

export interface ProcessEnvironmentInput {
  /** The merged `Config.Env` (see mergeConfigEnv). */
  env: readonly string[];
  hostname: string;
  tty: boolean;
  /** The user's home directory, for HOME when the environment has none. */
  home: string;
}

/**
 * The environment the container's process starts with, built as Docker's daemon builds it:
 * `PATH` (Docker's default), `HOSTNAME`, `TERM=xterm` with a TTY, then the merged Env replacing
 * those by name or appending; a bare `NAME` removes NAME. Then `HOME` from the user's passwd entry
 * when unset or empty, which is what runc does at start; writing it here keeps the spec complete.
 *
 * One deliberate difference: a name given twice keeps one entry, with the later value (Docker
 * passes both to the process, where which one wins depends on the program reading them).
 */
export function processEnvironment(input: ProcessEnvironmentInput): string[] {
  const entries = new Map<string, string>([
    ['PATH', `PATH=${defaultPath}`],
    ['HOSTNAME', `HOSTNAME=${input.hostname}`],
  ]);
  if (input.tty) entries.set('TERM', 'TERM=xterm');
  for (const entry of input.env) {
    if (entry.includes('=')) entries.set(envName(entry), entry);
    else entries.delete(entry);
  }
  const home = entries.get('HOME');
  if (home === undefined || home === 'HOME=') entries.set('HOME', `HOME=${input.home}`);
  return [...entries.values()];
}

function envName(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? entry : entry.slice(0, equals);
}
