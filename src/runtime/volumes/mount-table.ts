import { readFile } from 'node:fs/promises';

/**
 * The mount points at or below `path` in this process's mount namespace. A volume with a mount
 * on it (an option'd volume in use, a leftover) is never deleted through: rm would reach into
 * whatever is mounted there.
 */
export async function mountsAtOrBelow(path: string): Promise<string[]> {
  const table = await readFile('/proc/self/mountinfo', 'utf8');
  const mountPoints = table
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => unescapeOctal(line.split(' ')[4] ?? ''));
  return mountPoints.filter((point) => point === path || point.startsWith(`${path}/`));
}

/** mountinfo writes space, tab, newline and backslash in paths as `\040`, `\011`, `\012`, `\134`. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
