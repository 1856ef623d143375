import { execFileSync } from 'node:child_process';
import { chmodSync, lchownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { VolumeStore } from '../../../src/runtime/volumes/index.js';
import { busyboxTarball } from '../../harness/busybox-tarball.js';

const directories = { test: [] as string[], file: [] as string[] };

afterEach(() => removeAll(directories.test));
afterAll(() => removeAll(directories.file));

function removeAll(list: string[]): void {
  while (list.length > 0) rmSync(list.pop()!, { recursive: true, force: true });
}

/** A fresh directory, removed after the test, or after the file's tests for one made in beforeAll. */
export function temporaryDirectory(prefix: string, lifetime: 'test' | 'file' = 'test'): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  directories[lifetime].push(directory);
  return directory;
}

/** A volume store on a fresh state directory. */
export async function temporaryStore(): Promise<{ store: VolumeStore; state: string }> {
  const state = temporaryDirectory('berth-volumes-');
  return { store: await VolumeStore.open(state), state };
}

export interface ImageRoot {
  root: string;
  /** A host directory outside the image, holding `secret`: nothing may ever copy it. */
  outside: string;
}

/**
 * The busybox fixture's root filesystem, extracted, plus what copy-up must carry over as it is:
 * `/data` owned 1000:1000 mode 0750 with owned files, a hard link, a symbolic link to the image's
 * /etc/passwd, a character device, a FIFO, a setuid file and an xattr; `/empty`, an empty
 * directory with its own owner and mode; `/abs`, a link to /data inside the image; and two
 * hostile links, `/escape` (relative, climbing) and `/escape-abs` (absolute), both at a host
 * directory outside the image.
 */
export function imageRoot(lifetime: 'test' | 'file' = 'test'): ImageRoot {
  const root = temporaryDirectory('berth-image-root-', lifetime);
  const outside = temporaryDirectory('berth-outside-', lifetime);
  writeFileSync(join(outside, 'secret'), 'host secret\n');
  execFileSync('tar', ['--extract', `--file=${busyboxTarball()}`, `--directory=${root}`, '--numeric-owner', '--same-owner', '--preserve-permissions']);
  const data = join(root, 'data');
  mkdirSync(data);
  owned(data, 1000, 1000, 0o750);
  writeFileSync(join(data, 'file'), 'hello\n');
  owned(join(data, 'file'), 1001, 1002, 0o640);
  execFileSync('setfattr', ['--name=user.berth', '--value=kept', join(data, 'file')]);
  linkSync(join(data, 'file'), join(data, 'hard'));
  mkdirSync(join(data, 'sub'));
  owned(join(data, 'sub'), 33, 33, 0o700);
  writeFileSync(join(data, 'sub', 'deep'), 'deep\n');
  owned(join(data, 'sub', 'deep'), 0, 0, 0o600);
  symlinkSync('/etc/passwd', join(data, 'link'));
  lchownSync(join(data, 'link'), 1000, 1000);
  execFileSync('mknod', ['--mode=0666', join(data, 'dev'), 'c', '1', '3']);
  execFileSync('mkfifo', ['--mode=0644', join(data, 'fifo')]);
  writeFileSync(join(data, 'setuid'), '#!/bin/sh\n');
  owned(join(data, 'setuid'), 1000, 1000, 0o4755);
  mkdirSync(join(root, 'empty'));
  owned(join(root, 'empty'), 1000, 1000, 0o711);
  symlinkSync('/data', join(root, 'abs'));
  symlinkSync(`${'../'.repeat(12)}${outside.slice(1)}`, join(root, 'escape'));
  symlinkSync(outside, join(root, 'escape-abs'));
  return { root, outside };
}

function owned(path: string, uid: number, gid: number, mode: number): void {
  chownSync(path, uid, gid);
  chmodSync(path, mode);
}

/**
 * A tree as sorted lines, `path type mode uid:gid size link-target device inode-group`: what copy-up
 * must keep. Hard links share an inode group (the first path with that inode).
 */
export function snapshot(directory: string): string[] {
  const groups = new Map<number, string>();
  const lines: string[] = [];
  const walk = (path: string): void => {
    const stats = lstatSync(path);
    const name = relative(directory, path) || '.';
    const type = stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'link' : stats.isCharacterDevice() ? 'char' : stats.isFIFO() ? 'fifo' : 'file';
    const group = stats.nlink > 1 && type !== 'dir' ? (groups.get(stats.ino) ?? (groups.set(stats.ino, name), name)) : '-';
    const target = type === 'link' ? readlinkSync(path) : '-';
    const size = type === 'file' ? stats.size : '-';
    const device = type === 'char' ? `${Math.floor(stats.rdev / 256)},${stats.rdev % 256}` : '-';
    lines.push(`${name} ${type} ${(stats.mode & 0o7777).toString(8)} ${stats.uid}:${stats.gid} ${size} ${target} ${device} ${group}`);
    if (type === 'dir') for (const entry of readdirSync(path).sort()) walk(join(path, entry));
  };
  walk(directory);
  return lines.sort();
}
