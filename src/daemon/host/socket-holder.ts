import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** __SO_ACCEPTCON in /proc/net/unix's Flags column: the socket listens. */
const listening = 0x10000;

/**
 * The pid of a process that listens on the UNIX socket at `path`, found as `ss -xlp` finds it:
 * the socket's inode from /proc/net/unix, then a process holding `socket:[INODE]` open. Undefined
 * when none is found (the holder runs in another mount namespace, or /proc hides it).
 */
export function socketHolderPid(path: string): number | undefined {
  const inodes = new Set<string>();
  let table: string;
  try {
    table = readFileSync('/proc/net/unix', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of table.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const fields = line.trim().split(/\s+/);
    if (fields[7] === path && (Number.parseInt(fields[3] ?? '0', 16) & listening) !== 0 && fields[6]) inodes.add(`socket:[${fields[6]}]`);
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    for (const descriptor of descriptors) {
      try {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${descriptor}`))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
