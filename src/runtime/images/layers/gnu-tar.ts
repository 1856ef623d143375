import { spawn } from 'node:child_process';
import { collectStderr, type ToolExit } from '../../tools/index.js';

/**
 * GNU tar extracting stdin into a directory, as DESIGN.md section 3 asks: owners by number and
 * kept, modes kept, every xattr except overlayfs's own (only berth's whiteout conversion may mark
 * a directory opaque, and a layer-supplied trusted.overlay.redirect would steer the overlay).
 * The C.UTF-8 locale keeps GNU tar from converting pax UTF-8 names to another charset.
 */
export const gnuTarArguments = (directory: string): string[] => [
  '--extract',
  '--file=-',
  `--directory=${directory}`,
  '--numeric-owner',
  '--same-owner',
  '--preserve-permissions',
  '--xattrs',
  '--xattrs-include=*',
  '--xattrs-exclude=trusted.overlay.*',
  '--xattrs-exclude=user.overlay.*',
];

export interface GnuTar {
  /** Resolves false when tar no longer reads its stdin (it exited, or failed to start). */
  write(chunk: Buffer): Promise<boolean>;
  end(): void;
  kill(): void;
  exited: Promise<ToolExit>;
  stderr(): string;
}

export function startGnuTar(directory: string): GnuTar {
  const child = spawn('tar', gnuTarArguments(directory), {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  const stderr = collectStderr(child.stderr);
  let reading = true;
  // A tar that exits early makes our writes fail with EPIPE; its exit status tells why.
  child.stdin.on('error', () => (reading = false));
  child.stdin.on('close', () => (reading = false));
  const exited = new Promise<ToolExit>((resolve) => {
    child.on('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    async write(chunk) {
      if (!reading) return false;
      if (!child.stdin.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            child.stdin.off('drain', done).off('close', done);
            resolve();
          };
          child.stdin.on('drain', done).on('close', done);
        });
      }
      return reading;
    },
    end: () => child.stdin.end(),
    kill: () => child.kill('SIGKILL'),
    exited,
    stderr,
  };
}
