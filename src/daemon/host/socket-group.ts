import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The group whose members may use the engine's socket, as `docker` is dockerd's. */
export const socketGroupName = 'berth';

/**
 * The gid of the `berth` group, or undefined where there is none. getent asks NSS (LDAP, sssd
 * groups too); /etc/group is read when getent itself is missing.
 */
export function socketGroupId(name: string = socketGroupName): number | undefined {
  let entry: string | undefined;
  try {
    entry = execFileSync('getent', ['group', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    // getent exits 2 for an unknown group; only a missing getent is worth a second look.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    entry = readEtcGroup().find((line) => line.split(':')[0] === name);
  }
  const gid = Number(entry?.trim().split(':')[2]);
  return Number.isInteger(gid) && gid >= 0 ? gid : undefined;
}

function readEtcGroup(): string[] {
  try {
    return readFileSync('/etc/group', 'utf8').split('\n');
  } catch {
    return [];
  }
}
