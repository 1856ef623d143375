import type { RunConfig } from './run-config.js';

/** Sets one variable in the config's Env, in place of an earlier value of the same name. */
export function setEnv(config: RunConfig, name: string, value: string): void {
  const env = config.Env ?? [];
  const index = env.findIndex((entry) => entry.split('=', 1)[0] === name);
  if (index === -1) env.push(`${name}=${value}`);
  else env[index] = `${name}=${value}`;
  config.Env = env;
}

/**
 * `80`, `80/udp`, `8000-8002/tcp` (Docker's nat.ParsePortSpecs; a `host:` part before the port
 * is dropped, as EXPOSE only names container ports): the ExposedPorts keys, `80/tcp`.
 */
export function exposedPorts(spec: string): string[] {
  const slash = spec.lastIndexOf('/');
  const proto = slash === -1 ? 'tcp' : spec.slice(slash + 1).toLowerCase();
  const port = (slash === -1 ? spec : spec.slice(0, slash)).split(':').at(-1)!;
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new Error(`invalid proto: ${proto}`);
  const range = /^(\d+)(?:-(\d+))?$/.exec(port);
  const start = Number(range?.[1]);
  const end = range?.[2] === undefined ? start : Number(range[2]);
  if (!range || start > 65535 || end > 65535 || end < start) throw new Error(`invalid containerPort: ${port}`);
  return Array.from({ length: end - start + 1 }, (_unused, offset) => `${start + offset}/${proto}`);
}

/** `NAME=value` lines as a map; a line without `=` is a name with an empty value. */
export function environmentMap(env: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of env) {
    const equals = entry.indexOf('=');
    values.set(equals === -1 ? entry : entry.slice(0, equals), equals === -1 ? '' : entry.slice(equals + 1));
  }
  return values;
}
