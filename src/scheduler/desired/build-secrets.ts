import { readFileSync } from 'node:fs';
import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';

export interface SecretSources {
  /** What a secret's `environment:` names is read from. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Reads a secret's `file:`; node's readFileSync by default. */
  readFile?: (path: string) => Buffer;
}

/**
 * The values of a service's `build.secrets`, by the id a `RUN --mount=type=secret,id=ID` names:
 * the entry's `target` when it has one, else its `source`, as Compose names them. Each comes from
 * the project's top-level `secrets:` entry of that name, through its `file:` or its
 * `environment:` variable; as in Compose, no other kind of secret can be used in a build.
 */
export function resolveBuildSecrets(project: Project, service: string, sources: SecretSources): Record<string, Buffer> {
  const readFile = sources.readFile ?? ((path: string) => readFileSync(path));
  const secrets: Record<string, Buffer> = {};
  for (const reference of project.services[service]?.build?.secrets ?? []) {
    const id = reference.target ?? reference.source;
    const definition = project.secrets?.[reference.source];
    if (definition === undefined) throw secretError(service, reference.source, 'is not defined in the top-level secrets', `add it under the top-level secrets: with a file: or an environment: source`);
    if (definition.file !== undefined) {
      try {
        secrets[id] = readFile(definition.file);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code ?? 'error';
        throw secretError(service, reference.source, `cannot be read from ${definition.file} (${code})`, 'check the secret\'s file: path (relative paths are relative to the project directory) and that it is readable', cause);
      }
    } else if (definition.environment !== undefined) {
      const value = sources.environment[definition.environment];
      if (value === undefined) {
        throw secretError(service, reference.source, `comes from the environment variable ${definition.environment}, which is not set`, `set ${definition.environment} in the shell or in the project's .env file`);
      }
      secrets[id] = Buffer.from(value, 'utf8');
    } else {
      throw secretError(service, reference.source, 'has neither a file: nor an environment: source', 'build.secrets only supports environment or file-based secrets');
    }
  }
  return secrets;
}

function secretError(service: string, secret: string, problem: string, hint: string, cause?: unknown): BerthError {
  return new BerthError({
    code: 'BUILD_SECRET_UNAVAILABLE',
    kind: 'invalid-project',
    message: `service "${service}": build secret "${secret}" ${problem}`,
    hint,
    cause,
  });
}
