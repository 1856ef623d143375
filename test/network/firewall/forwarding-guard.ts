import { linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * berth turns net.ipv4.ip_forward on and, like Docker, never back off; a test must still leave the
 * host as it found it. Test files run in parallel, so the value found first is kept in a file and
 * put back by the last holder to leave: each holder is a file naming its process, and holders of
 * dead processes do not count.
 */
const ipForward = '/proc/sys/net/ipv4/ip_forward';
const directory = '/tmp';
const prefix = 'berth-fw-forward';
const originalPath = `${directory}/${prefix}.original`;

export interface ForwardingGuard {
  release(): void;
}

export function guardIpForward(): ForwardingGuard {
  const holder = `${directory}/${prefix}.${process.pid}.${Math.random().toString(16).slice(2)}.holder`;
  writeFileSync(holder, `${process.pid}\n`);
  const proposal = `${originalPath}.${process.pid}`;
  writeFileSync(proposal, readFileSync(ipForward, 'utf8'));
  try {
    linkSync(proposal, originalPath); // only the first holder's value counts
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(proposal, { force: true });
  }
  return {
    release() {
      rmSync(holder, { force: true });
      if (liveHolders().length > 0) return;
      try {
        writeFileSync(ipForward, readFileSync(originalPath, 'utf8'));
        rmSync(originalPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // another last holder restored it
      }
    },
  };
}

function liveHolders(): string[] {
  return readdirSync(directory).filter((name) => {
    if (!name.startsWith(`${prefix}.`) || !name.endsWith('.holder')) return false;
    const pid = Number(name.split('.')[1]);
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      rmSync(`${directory}/${name}`, { force: true });
      return false;
    }
  });
}
