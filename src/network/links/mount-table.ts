import { readFile } from 'node:fs/promises';

/** One line of /proc/self/mountinfo, the fields berth reads. */
export interface MountEntry {
  mountPoint: string;
  /** `shared:N` among the optional fields: mounts and unmounts below it propagate to its peers. */
  shared: boolean;
  /** `nsfs` for a bind-mounted namespace file. */
  fsType: string;
  /** What is mounted, relative to its filesystem's root: `net:[4026532177]` for a network namespace. */
  root: string;
}

/** This process's mount table. */
export async function readMountTable(): Promise<MountEntry[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      // ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS
      const fields = line.split(' ');
      const separator = fields.indexOf('-', 6);
      return {
        root: unescapeOctal(fields[3] ?? ''),
        mountPoint: unescapeOctal(fields[4] ?? ''),
        shared: fields.slice(6, separator).some((field) => field.startsWith('shared:')),
        fsType: fields[separator + 1] ?? '',
      };
    });
}

/** mountinfo writes space, tab, newline and backslash in paths as a backslash and three octal digits. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_escape, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
