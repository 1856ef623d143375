import { spawn, type ChildProcess } from 'node:child_process';
import { BerthError } from '../../errors/index.js';

/**
 * GNU tar reading `source` and a second GNU tar writing into `target`, joined by a pipe: owners
 * by number, modes, times, xattrs, symbolic links as links (never followed), hard links as
 * links, devices and FIFOs as themselves. The member `.` carries the owner and mode of `source`
 * onto `target`, as Docker's copy-up gives the volume the owner and mode of the image's directory.
 * overlayfs's own xattrs are never copied: they would steer an overlay mounted over the volume.
 */
const createArguments = (source: string): string[] => [
  '--create',
  '--file=-',
  `--directory=${source}`,
  '--format=posix',
  '--numeric-owner',
  '--xattrs',
  '--xattrs-include=*',
  '--xattrs-exclude=trusted.overlay.*',
  '--xattrs-exclude=user.overlay.*',
  '.',
];

const extractArguments = (target: string): string[] => [
  '--extract',
  '--file=-',
  `--directory=${target}`,
  '--numeric-owner',
  '--same-owner',
  '--preserve-permissions',
  '--xattrs',
  '--xattrs-include=*',
  '--xattrs-exclude=trusted.overlay.*',
  '--xattrs-exclude=user.overlay.*',
];

const keptStderr = 8 * 1024;

export async function copyTree(source: string, target: string): Promise<void> {
  // The C locale keeps GNU tar from converting names between character sets.
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  const reader = spawn('tar', createArguments(source), { stdio: ['ignore', 'pipe', 'pipe'], env });
  const writer = spawn('tar', extractArguments(target), { stdio: ['pipe', 'ignore', 'pipe'], env });
  // A writer that dies early closes the pipe; its own exit status says why, so EPIPE is not the story.
  writer.stdin!.on('error', () => undefined);
  // A writer that stops (a full disk) must not leave the reader blocked on a pipe nobody drains.
  writer.once('close', () => reader.stdout!.destroy());
  reader.stdout!.pipe(writer.stdin!);
  const [read, written] = await Promise.all([finished(reader), finished(writer)]);
  const failure = [describe('reading', source, read), describe('writing', target, written)].filter((text) => text !== undefined);
  if (failure.length > 0) {
    throw new BerthError({
      code: 'VOLUME_COPY_UP_FAILED',
      kind: 'internal',
      message: `copying ${source} into ${target} failed: ${failure.join('; ')}`,
      hint: [read, written].some((exit) => exit.spawnError?.code === 'ENOENT') ? 'install GNU tar (Debian package tar)' : "tar's last lines are quoted above",
    });
  }
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: NodeJS.ErrnoException;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-keptStderr)));
  return new Promise((resolve) => {
    child.on('error', (spawnError: NodeJS.ErrnoException) => resolve({ code: null, signal: null, spawnError, stderr }));
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function describe(what: string, path: string, exit: Finished): string | undefined {
  if (exit.code === 0) return undefined;
  const tail = exit.stderr.trim().split('\n').slice(-3).join(' | ');
  if (exit.spawnError) return `tar ${what} ${path} could not start: ${exit.spawnError.message}`;
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with ${exit.code}`;
  return `tar ${what} ${path} ${how}${tail ? `: ${tail}` : ''}`;
}
