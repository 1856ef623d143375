import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Who listens on a TCP or UDP port on this machine, read from /proc: `nginx (pid 812)`. Only
 * meaningful when the engine runs on this machine; undefined when nobody or unknowable (another
 * host, no permission to read other processes' descriptors).
 */
export function portHolder(port: number, protocol: 'tcp' | 'udp' = 'tcp'): string | undefined {
  const inodes = new Set<string>();
  for (const table of [`/proc/net/${protocol}`, `/proc/net/${protocol}6`]) {
    for (const line of readLines(table).slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const state = fields[3];
      const inode = fields[9];
      // 0A is LISTEN for TCP; UDP sockets have no listening state, 07 is "unconnected".
      const listening = protocol === 'tcp' ? state === '0A' : state === '07';
      if (local && inode && listening && Number.parseInt(local.split(':')[1] ?? '', 16) === port) inodes.add(inode);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of safeList('/proc').filter((entry) => /^\d+$/.test(entry))) {
    for (const fd of safeList(`/proc/${pid}/fd`)) {
      const target = safeLink(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target ?? '')?.[1];
      if (inode && inodes.has(inode)) return `${readLines(`/proc/${pid}/comm`)[0]?.trim() || 'a process'} (pid ${pid})`;
    }
  }
  return undefined;
}

/** The port numbers named in an engine's "port is already allocated" or "address already in use" message. */
export function portInUseOf(message: string): { port: number; protocol: 'tcp' | 'udp' } | undefined {
  if (!/already allocated|address already in use/i.test(message)) return undefined;
  const match = /(?:[\d.]+|\[[0-9a-f:]*\]|):(\d+)(?:\/(tcp|udp))?/i.exec(message.replace(/^.*?(Bind for|listen (?:tcp|udp)[46]?)/i, ''));
  if (!match) return undefined;
  return { port: Number(match[1]), protocol: (match[2]?.toLowerCase() as 'tcp' | 'udp' | undefined) ?? (/listen udp/i.test(message) ? 'udp' : 'tcp') };
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch {
    return [];
  }
}

function safeList(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function safeLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
