import { usageError } from '../../errors/index.js';

/** The json-file options berth's monitor honours (rotation); dockerd's others are refused, not ignored. */
const supported = new Set(['max-size', 'max-file']);

/** `--log-opt max-size=10m` entries as an object; an entry without `=` is an error naming it. */
export function parseLogOptFlags(entries: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals <= 0) throw usageError(`--log-opt ${JSON.stringify(entry)}: expected KEY=VALUE`, 'write it like --log-opt max-size=10m');
    options[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return options;
}

/** The daemon's default json-file options, checked as dockerd checks them at start. */
export function checkLogOptions(options: Record<string, string>): Record<string, string> {
  for (const key of Object.keys(options).sort()) {
    if (!supported.has(key)) throw usageError(`unknown log opt '${key}' for json-file log driver`, 'berth\'s json-file takes max-size and max-file');
  }
  const size = options['max-size'];
  if (size !== undefined && !/^\d+(\.\d+)?\s*[kmgtp]?i?b?$/i.test(size.trim())) {
    throw usageError(`invalid size: '${size}'`, 'give max-size as a number with an optional unit: 100k, 10m, 1g');
  }
  const files = options['max-file'];
  if (files !== undefined) {
    if (!/^-?\d+$/.test(files)) throw usageError(`invalid max-file: '${files}'`, 'give max-file as a whole number, 1 or more');
    if (Number(files) < 1) throw usageError('max-file cannot be less than 1', 'give max-file as a whole number, 1 or more');
    if (Number(files) > 1 && size === undefined) throw usageError('max-file cannot be greater than 1 when max-size is not set', 'set max-size too, e.g. max-size=10m');
  }
  return options;
}
