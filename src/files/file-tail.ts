import { readFileSync } from 'node:fs';

/** The last `lines` lines of a log file, each indented two spaces for an error message; undefined when it cannot be read. */
export function fileTail(path: string, lines: number): string | undefined {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).map((line) => `  ${line}`).join('\n');
  } catch {
    return undefined;
  }
}
