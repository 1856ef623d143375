/**
 * What a commit leaves out of the container's writable layer, so the image holds what Docker's
 * would. Docker puts an init layer between the image and the container's own: it holds the
 * mount points the runtime needs (`/dev`, `/proc`, `/sys`, `/.dockerenv`, and the `/etc/hostname`,
 * `/etc/hosts` and `/etc/resolv.conf` files bind-mounted over from the container's directory),
 * and a commit takes only the layer above it. berth has no init layer: runc makes those mount
 * points in the writable layer when the image lacks them. So they are left out here, whole: the
 * files' content never is the container's (its /etc files live in the container's directory,
 * and /dev, /proc and /sys are kernel mounts), and a commit keeps them as the image had them.
 *
 * Mount points of volumes, binds and tmpfs mounts are not left out: Docker makes those in the
 * container's own layer too, and keeps them (empty) in a commit, as berth does.
 *
 * Paths are relative to the root, names in latin1 (one character per byte), as the scan keeps them.
 */
const initLayerPaths = new Set(['dev', 'proc', 'sys', '.dockerenv', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf']);

export function isLeftOut(path: string, alsoLeftOut: ReadonlySet<string> = noPaths): boolean {
  return initLayerPaths.has(path) || alsoLeftOut.has(path);
}

const noPaths: ReadonlySet<string> = new Set();
