import { ComposeError } from '../compose-error.js';
import type { DotenvOptions } from './dotenv-options.js';

/**
 * Compose's `env_file` `format: raw`, which is `docker run --env-file`'s format: one `KEY=VALUE`
 * per line, the value being everything after the first `=` exactly as written (no quotes, no
 * escapes, no interpolation, trailing blanks kept). Leading blanks and lines starting with `#`
 * are skipped; a bare `KEY` takes its value from `lookup` and is left out when that has none.
 */
export function parseRawEnv(text: string, options: DotenvOptions): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((rawLine, index) => {
    const withoutReturn = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const line = withoutReturn.trimStart();
    if (line === '' || line.startsWith('#')) return;
    const position = { file: options.file, line: index + 1, column: withoutReturn.length - line.length + 1 };
    const separator = line.indexOf('=');
    const key = separator === -1 ? line : line.slice(0, separator);
    if (key === '') {
      throw new ComposeError({
        code: 'COMPOSE_ENV_FILE',
        message: `no variable name on line '${line}'`,
        position,
        hint: 'write one variable per line as KEY=VALUE',
      });
    }
    if (/[ \t]/.test(key)) {
      throw new ComposeError({
        code: 'COMPOSE_ENV_FILE',
        message: `variable '${key}' contains whitespaces`,
        position,
        hint: 'a raw env file takes KEY=VALUE with nothing around the key; drop format: raw to allow spaces and quotes',
      });
    }
    if (separator !== -1) {
      values.set(key, line.slice(separator + 1));
      return;
    }
    const inherited = options.lookup?.(key);
    if (inherited !== undefined) values.set(key, inherited);
  });
  return values;
}
