import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../files/write-file-atomic.js';
import { hostsFile, type HostsInput } from './hosts-file.js';
import { resolvConf, type ResolvConfInput } from './resolv-conf.js';

/** The three files bind-mounted onto a container's /etc. */
export interface EtcFiles {
  hostname: string;
  hosts: string;
  resolvConf: string;
}

export interface EtcFilesInput extends HostsInput, Omit<ResolvConfInput, 'host'> {
  /** The host's resolv.conf path; /etc/resolv.conf unless a test gives its own. */
  hostResolvConf?: string;
}

/**
 * Writes `hostname`, `hosts` and `resolv.conf` into the container's directory and returns their
 * paths, for the bundle's bind mounts. A later call (a network joined or left) rewrites each file
 * in place, never by rename: the container's bind mount holds the inode, so a renamed file would
 * leave it reading the old one.
 */
export async function writeEtcFiles(directory: string, input: EtcFilesInput): Promise<EtcFiles> {
  await mkdir(directory, { recursive: true });
  const files: EtcFiles = { hostname: join(directory, 'hostname'), hosts: join(directory, 'hosts'), resolvConf: join(directory, 'resolv.conf') };
  const host = await readFile(input.hostResolvConf ?? '/etc/resolv.conf', 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const contents: Record<keyof EtcFiles, string> = {
    hostname: `${input.hostname}\n`,
    hosts: hostsFile(input),
    resolvConf: resolvConf({ ...input, host }),
  };
  for (const name of Object.keys(files) as (keyof EtcFiles)[]) await writeInPlace(files[name], contents[name]);
  return files;
}

/**
 * A new file appears whole (atomic write); an existing one is rewritten through its own inode:
 * the new text over the old, then cut to its length, so a reader sees the old text, the new
 * one, or briefly the new text followed by the rest of the old.
 */
async function writeInPlace(path: string, content: string): Promise<void> {
  let file;
  try {
    file = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    writeFileAtomic(path, content, 0o644);
    return;
  }
  try {
    const bytes = Buffer.from(content);
    await file.write(bytes, 0, bytes.length, 0);
    await file.truncate(bytes.length);
  } finally {
    await file.close();
  }
}
