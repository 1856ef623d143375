import { homedir } from 'node:os';
import { join } from 'node:path';

export type Environment = Readonly<Record<string, string | undefined>>;

/** A variable counts as set only when it is not empty, as the docker CLI treats DOCKER_HOST. */
export function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function home(env: Environment): string {
  return nonEmpty(env, 'HOME') ?? homedir();
}

/** berth's own configuration: `$BERTH_CONFIG`, else `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`. */
export function berthConfigDirectory(env: Environment): string {
  return nonEmpty(env, 'BERTH_CONFIG') ?? join(nonEmpty(env, 'XDG_CONFIG_HOME') ?? join(home(env), '.config'), 'berth');
}

/** The docker CLI's configuration, where its contexts live: `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDirectory(env: Environment): string {
  return nonEmpty(env, 'DOCKER_CONFIG') ?? join(home(env), '.docker');
}
