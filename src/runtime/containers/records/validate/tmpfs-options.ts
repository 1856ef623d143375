import { invalidConfig } from './config-error.js';

/** Mount flags a tmpfs takes, each with or without `no` where the kernel has both. */
const flags = new Set([
  'ro', 'rw', 'exec', 'noexec', 'suid', 'nosuid', 'dev', 'nodev', 'sync', 'async', 'dirsync', 'atime', 'noatime',
  'diratime', 'nodiratime', 'relatime', 'norelatime', 'strictatime', 'nostrictatime', 'mand', 'nomand',
]);
/** tmpfs's own options (mount -t tmpfs -o ...), with the form of their values. */
const valued: Record<string, RegExp> = {
  size: /^\d+[kmgKMG%]?$/,
  nr_blocks: /^\d+[kmgKMG]?$/,
  nr_inodes: /^\d+[kmgKMG]?$/,
  mode: /^[0-7]{1,4}$/,
  uid: /^\d+$/,
  gid: /^\d+$/,
  huge: /^(never|always|within_size|advise|deny|force)$/,
  mpol: /^[a-z]+(:[0-9,-]+)?$/,
};

/** A HostConfig.Tmpfs value: known flags and tmpfs options with well-formed values, or an error naming the bad one. */
export function checkTmpfsOptions(field: string, options: string): void {
  if (options === '') return;
  for (const option of options.split(',')) {
    const equals = option.indexOf('=');
    if (equals < 0) {
      if (!flags.has(option)) throw invalidConfig(field, options, `unknown tmpfs option "${option}"`, `use tmpfs options (size, mode, uid, gid, nr_inodes, nr_blocks) or mount flags (${[...flags].join(', ')})`);
      continue;
    }
    const [name, value] = [option.slice(0, equals), option.slice(equals + 1)];
    const form = valued[name];
    if (!form) throw invalidConfig(field, options, `unknown tmpfs option "${name}"`, `tmpfs takes ${Object.keys(valued).join(', ')}`);
    if (!form.test(value)) throw invalidConfig(field, options, `invalid value for tmpfs option ${name}: "${value}"`, name === 'mode' ? 'give an octal mode, e.g. mode=1777' : `e.g. ${name === 'size' ? 'size=64m' : `${name}=1000`}`);
  }
}

/** A Mounts tmpfs's options as mount data, as Docker writes them: `ro`, `mode=1777` in octal, the size in the largest unit that divides it. */
export function tmpfsData(readOnly: boolean, sizeBytes: number, mode: number): string {
  const options: string[] = [];
  if (readOnly) options.push('ro');
  if (mode !== 0) options.push(`mode=${mode.toString(8)}`);
  if (sizeBytes !== 0) {
    const unit = [
      { suffix: 'g', bytes: 1 << 30 },
      { suffix: 'm', bytes: 1 << 20 },
      { suffix: 'k', bytes: 1 << 10 },
    ].find(({ bytes }) => sizeBytes % bytes === 0);
    options.push(unit ? `size=${sizeBytes / unit.bytes}${unit.suffix}` : `size=${sizeBytes}`);
  }
  return options.join(',');
}
