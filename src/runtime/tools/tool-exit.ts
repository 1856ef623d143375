import type { Readable } from 'node:stream';

/** How much of a tool's stderr is kept: its last words are what explain a failure. */
const keptBytes = 16 * 1024;

/** Collects the end of a child's stderr, bounded however much it writes. */
export function collectStderr(stream: Readable): () => string {
  let text = '';
  stream.setEncoding('utf8').on('data', (piece: string) => {
    text = (text + piece).slice(-keptBytes);
  });
  return () => text;
}

/** The last lines of a tool's stderr, joined for a one-line message. */
export function lastLines(text: string, count = 5): string {
  return text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join(' | ');
}

export interface ToolExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the tool could not be started at all (ENOENT: not installed). */
  spawnError?: NodeJS.ErrnoException;
}

/** "tar exited with 2", "mknod was killed by SIGKILL", "setfattr is not installed". */
export function describeExit(tool: string, exit: ToolExit): string {
  if (exit.spawnError?.code === 'ENOENT') return `${tool} is not installed`;
  if (exit.spawnError) return `${tool} could not be started: ${exit.spawnError.message}`;
  return exit.signal ? `${tool} was killed by ${exit.signal}` : `${tool} exited with ${exit.code}`;
}

/** The Debian package to name when the tool is missing. */
export function missingPackage(exit: ToolExit, debianPackage: string): string | undefined {
  return exit.spawnError?.code === 'ENOENT' ? debianPackage : undefined;
}
