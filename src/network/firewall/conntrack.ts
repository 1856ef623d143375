import { BerthError } from '../../errors/index.js';
import { describeExit, lastLines, runTool } from '../../runtime/tools/index.js';

/**
 * Deletes the connection-tracking entries of a container's address: flows it started (original
 * source, egress included) and flows that reached it (reply source, through a published port or
 * straight). Without this a UDP client that keeps sending to a published port keeps going, by its
 * old entry, to the address of a container that is gone (or soon someone else's).
 */
export async function flushAddress(address: string): Promise<void> {
  // One after the other: two runs that select the same entry race to delete it, and the loser may
  // stop before the rest of its entries.
  await deleteEntries(['--orig-src', address], address);
  await deleteEntries(['--reply-src', address], address);
}

/**
 * Deletes the entries of a subnet's flows that conntrack can select by subnet: those it started
 * and those sent straight to it (conntrack takes no subnet for the reply direction; the
 * published-port flows go with each container's address, flushAddress).
 */
export async function flushSubnet(subnet: string): Promise<void> {
  await deleteEntries(['--orig-src', subnet], subnet);
  await deleteEntries(['--orig-dst', subnet], subnet);
}

async function deleteEntries(filter: string[], address: string): Promise<void> {
  const exit = await runTool('conntrack', ['-D', '-f', 'ipv4', ...filter]);
  // conntrack exits 1 when no entry matched ("0 flow entries have been deleted") and when an entry
  // it listed was gone before it deleted it ("such conntrack doesn't exist": it expired meanwhile).
  if (exit.code === 0 || (exit.code === 1 && /0 flow entries|such conntrack doesn't exist/.test(exit.stderr))) return;
  const missing = exit.spawnError?.code === 'ENOENT';
  throw new BerthError({
    code: missing ? 'FIREWALL_TOOL_MISSING' : 'FIREWALL_CONNTRACK_FAILED',
    kind: missing ? 'unavailable' : 'internal',
    message: `could not delete the connection-tracking entries of ${address}: ${describeExit('conntrack', exit)}${exit.stderr.trim() ? `: ${lastLines(exit.stderr)}` : ''}`,
    hint: missing ? 'install the Debian package conntrack (apt-get install conntrack)' : 'berth needs root; `conntrack -L` lists the entries',
  });
}
