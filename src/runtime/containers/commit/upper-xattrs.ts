import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BerthError } from '../../../errors/index.js';
import { collectStderr, describeExit, lastLines, missingPackage, type ToolExit } from '../../tools/index.js';

/** One extended attribute: its name (latin1) and its value's bytes. */
export type Xattr = [name: string, value: Buffer];

/**
 * Every extended attribute under `directory`, by path relative to it (latin1, one character per
 * byte), read with one recursive `getfattr` (attr package): Node has no getxattr. Symlinks' own
 * attributes are read, never their targets'. Files without attributes are absent.
 *
 * getfattr writes each path with `\ooo` octal escapes for a backslash, control and whitespace
 * bytes, other bytes as they are; values are asked in base64 (`0s...`).
 */
export async function readXattrs(directory: string): Promise<Map<string, Xattr[]>> {
  const child = spawn('getfattr', ['--absolute-names', '--recursive', '--physical', '--no-dereference', '--dump', '--match=-', '--encoding=base64', '--', directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  const stderr = collectStderr(child.stderr);
  const exited = new Promise<ToolExit>((resolve) => {
    child.on('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const found = new Map<string, Xattr[]>();
  const prefix = `${Buffer.from(directory, 'utf8').toString('latin1')}/`;
  let current: Xattr[] | undefined;
  // latin1 keeps every byte of a line as one character, whatever the names hold.
  for await (const line of createInterface({ input: child.stdout.setEncoding('latin1'), crlfDelay: Infinity })) {
    if (line.startsWith('# file: ')) {
      const path = unescapeOctal(line.slice('# file: '.length));
      current = [];
      // The directory itself has overlayfs's bookkeeping only; a commit never writes its root.
      if (path.startsWith(prefix)) found.set(path.slice(prefix.length), current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current === undefined || equals <= 0) continue;
    current.push([unescapeOctal(line.slice(0, equals)), decodeValue(line.slice(equals + 1))]);
  }
  const exit = await exited;
  // A container committed without pausing may remove files while getfattr walks: those are no loss.
  const onlyVanished = exit.code === 1 && stderr().trim().split('\n').every((line) => line.endsWith('No such file or directory'));
  if (exit.code !== 0 && !onlyVanished) {
    throw new BerthError({
      code: 'COMMIT_XATTRS_FAILED',
      kind: 'internal',
      message: `cannot read the extended attributes of the container's changes in ${directory}: ${describeExit('getfattr', exit)}${stderr().trim() ? `: ${lastLines(stderr())}` : ''}`,
      hint: missingPackage(exit, 'attr') ? 'install the Debian package attr' : 'the engine log has the details; was the container removed meanwhile?',
    });
  }
  return found;
}

function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_escape, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** `0s<base64>`, `0x<hex>`, or a quoted text (what getfattr writes for an empty value). */
function decodeValue(text: string): Buffer {
  if (text.startsWith('0s')) return Buffer.from(text.slice(2), 'base64');
  if (text.startsWith('0x')) return Buffer.from(text.slice(2), 'hex');
  return Buffer.from(unescapeOctal(text.replace(/^"(.*)"$/s, '$1')), 'latin1');
}
