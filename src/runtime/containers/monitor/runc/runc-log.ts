/**
 * runc's own log, written with `--log FILE --log-format json`: one JSON object a line,
 * `{"level":"error","msg":"...","time":"..."}`. Its last error is the most specific account of a
 * failure (runc prefixes it with the operation, `runc create failed: unable to start container
 * process: exec: "/x": stat /x: no such file or directory`), which is what a user must see.
 */
export function lastRuncError(logText: string): string | undefined {
  let last: string | undefined;
  for (const line of logText.split('\n')) {
    const entry = parseEntry(line);
    if (entry && (entry.level === 'error' || entry.level === 'fatal') && entry.msg) last = entry.msg;
  }
  return last;
}

interface RuncLogEntry {
  level?: unknown;
  msg?: string;
}

function parseEntry(line: string): RuncLogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { level, msg } = value as Record<string, unknown>;
    return { level, msg: typeof msg === 'string' ? msg : undefined };
  } catch {
    // A line cut short by a crash mid-write says nothing reliable.
    return undefined;
  }
}
