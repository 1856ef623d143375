import type { OpenLogFile } from './log-file-set.js';
import { recordTagAt } from './log-record.js';

const chunkSize = 64 * 1024;
/** Enough bytes after a line's start to reach its tag: a 35-byte time, a stream name, the tag. */
const headerBytes = 64;

export interface LogPosition {
  fileIndex: number;
  offset: number;
}

/**
 * Where to start reading so that at least `count` whole messages follow: the files are scanned
 * backwards from the end, counting F records (each ends a message), and reading starts just after
 * the F record before them. A large log is never read whole for `--tail`.
 */
export async function tailStart(files: OpenLogFile[], count: number): Promise<LogPosition> {
  let needed = count + 1; // the F record that ends the message before the first one kept
  for (let fileIndex = files.length - 1; fileIndex >= 0; fileIndex -= 1) {
    const file = files[fileIndex];
    if (!file) continue;
    const found = await scanFile(file, needed);
    if (found.offset !== undefined) return { fileIndex, offset: found.offset };
    needed -= found.count;
  }
  return { fileIndex: 0, offset: 0 };
}

/** Counts F records backwards; returns the offset just past the `needed`-th one when reached. */
async function scanFile(file: OpenLogFile, needed: number): Promise<{ offset?: number; count: number }> {
  let count = 0;
  let end = file.size;
  // The newline that ends the line being delimited; bytes after the file's last newline are a
  // line still being written and are not counted.
  let lineEnd: number | undefined;
  while (end > 0) {
    const start = Math.max(0, end - chunkSize);
    const length = Math.min(file.size, end + headerBytes) - start;
    const buffer = Buffer.alloc(length);
    await file.handle.read(buffer, 0, length, start);
    for (let index = end - start - 1; index >= -1; index -= 1) {
      const atFileStart = index === -1 && start === 0;
      if (index >= 0 ? buffer[index] !== 0x0a : !atFileStart) continue;
      if (lineEnd !== undefined && recordTagAt(buffer, index + 1) === 'F') {
        count += 1;
        if (count === needed) return { offset: lineEnd + 1, count };
      }
      if (index >= 0) lineEnd = start + index;
    }
    end = start;
  }
  return { count };
}
