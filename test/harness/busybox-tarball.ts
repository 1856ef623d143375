import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BerthError } from '../../src/errors/berth-error.js';

/**
 * The root filesystem of the busybox fixture image, made offline from Debian's busybox-static and
 * cached as a tar outside the checkout. The cache key hashes the package version and this recipe,
 * so changing either builds a new tar and an old one is never reused by mistake.
 */
const recipe = {
  binary: '/bin/busybox',
  // Every applet as a symlink at its standard path, what `busybox --install -s` does inside the rootfs.
  applets: 'symlinks to /bin/busybox at each path of `busybox --list-full`',
  // '.' is the root itself: mkdtemp makes it 0700, which a layer would give to the container's /.
  directories: { '.': 0o755, bin: 0o755, sbin: 0o755, usr: 0o755, 'usr/bin': 0o755, 'usr/sbin': 0o755, etc: 0o755, root: 0o700, tmp: 0o1777 },
  files: {
    'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
    'etc/group': 'root:x:0:\nnobody:x:65534:\n',
  },
  // Fixed owners, order and times make the tar, and so the image layer digest, byte-for-byte reproducible.
  tarFlags: ['--numeric-owner', '--owner=0', '--group=0', '--sort=name', '--mtime=@0', '--format=gnu'],
} as const;

function fixtureCacheDirectory(): string {
  return process.env.BERTH_FIXTURE_CACHE ?? '/var/cache/berth/fixtures';
}

/** The path of the cached tar, built first when missing. */
export function busyboxTarball(): string {
  const tarball = cachedTarballPath();
  if (!existsSync(tarball)) buildIntoCache(tarball);
  return tarball;
}

function cachedTarballPath(): string {
  const version = busyboxStaticVersion();
  const key = createHash('sha256').update(`busybox-static ${version}\n${JSON.stringify(recipe)}`).digest('hex');
  const cacheDirectory = fixtureCacheDirectory();
  return join(cacheDirectory, `busybox-${key}.tar`);
}

function buildIntoCache(tarball: string): void {
  const cacheDirectory = dirname(tarball);
  try {
    mkdirSync(cacheDirectory, { recursive: true });
  } catch (cause) {
    throw new BerthError({
      code: 'TEST_FIXTURE_CACHE',
      kind: 'unavailable',
      message: `cannot create the test fixture cache ${cacheDirectory}: ${(cause as Error).message}`,
      hint: 'run the integration tests as root, or point BERTH_FIXTURE_CACHE at a writable directory',
      cause,
    });
  }
  buildAtomically(tarball);
}

function busyboxStaticVersion(): string {
  try {
    return execFileSync('dpkg-query', ['--show', '--showformat=${Version}', 'busybox-static'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (cause) {
    throw new BerthError({
      code: 'TEST_FIXTURE_MISSING',
      kind: 'unavailable',
      message: "the busybox fixture image is made from Debian's busybox-static, which is not installed",
      hint: 'run `npm test` (it installs the test packages), or `apt-get install busybox-static`',
      cause,
    });
  }
}

/** Builds into a private temp file and renames it into place, so parallel runs never read half a tar. */
function buildAtomically(tarball: string): void {
  const rootfs = mkdtempSync(join(tmpdir(), 'berth-busybox-rootfs-'));
  const partial = `${tarball}.${process.pid}.partial`;
  try {
    populateRootfs(rootfs);
    execFileSync('tar', ['--create', `--file=${partial}`, `--directory=${rootfs}`, ...recipe.tarFlags, '.'], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(partial, tarball);
  } finally {
    rmSync(partial, { force: true });
    rmSync(rootfs, { recursive: true, force: true });
  }
}

function populateRootfs(rootfs: string): void {
  for (const [path, mode] of Object.entries(recipe.directories)) {
    mkdirSync(join(rootfs, path), { recursive: true });
    chmodSync(join(rootfs, path), mode); // explicit, so the umask cannot change the tar
  }
  copyFileSync(recipe.binary, join(rootfs, 'bin/busybox'));
  chmodSync(join(rootfs, 'bin/busybox'), 0o755);
  const applets = execFileSync(recipe.binary, ['--list-full'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const applet of applets) {
    const link = join(rootfs, applet);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true, mode: 0o755 });
    symlinkSync('/bin/busybox', link);
  }
  for (const [path, text] of Object.entries(recipe.files)) {
    writeFileSync(join(rootfs, path), text);
    chmodSync(join(rootfs, path), 0o644);
  }
}
