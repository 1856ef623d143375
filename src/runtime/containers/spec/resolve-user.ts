import { BerthError } from '../../../errors/index.js';
import { parseGroup, parsePasswd, type GroupEntry, type PasswdEntry } from './passwd-files.js';
import { readFileInRoot } from '../../paths/index.js';

/** The user a container's process runs as, resolved against the container's own files. */
export interface ResolvedUser {
  uid: number;
  gid: number;
  /** The primary gid first, then the groups that list the user, then `group_add`: what Docker passes to setgroups. */
  additionalGids: number[];
  /** The home of the first passwd entry with this uid, `/` when none: what runc puts in HOME. */
  home: string;
}

/** The container's /etc/passwd and /etc/group, null where the image has none. */
export interface AccountFiles {
  passwd: string | null;
  group: string | null;
}

const maxId = 2 ** 31 - 1;

/**
 * Resolves `user` (`name|uid[:group|gid]`, empty for root) and `groupAdd` (names or gids) from the
 * /etc/passwd and /etc/group inside `rootfs`, read so that symlinks in a hostile image cannot lead
 * outside it. Numeric ids without entries are allowed, as Docker allows them.
 */
export async function resolveUser(rootfs: string, user: string | undefined, groupAdd: readonly string[] = []): Promise<ResolvedUser> {
  const [passwd, group] = await Promise.all([readFileInRoot(rootfs, '/etc/passwd'), readFileInRoot(rootfs, '/etc/group')]);
  return resolveUserFrom({ passwd, group }, user ?? '', groupAdd);
}

/**
 * The resolution itself, as runc's libcontainer/user does it for Docker: a name must exist; a
 * number matches the passwd entry with that uid or stands alone (gid 0 then); `user:group` sets the
 * primary group and drops the supplementary groups; a bare user also gets every group listing it.
 */
export function resolveUserFrom(files: AccountFiles, user: string, groupAdd: readonly string[]): ResolvedUser {
  const [userPart = '', groupPart = ''] = user.split(':');
  const users = files.passwd === null ? [] : parsePasswd(files.passwd);
  const groups = files.group === null ? [] : parseGroup(files.group);

  const account = findAccount(users, userPart);
  let uid = account?.uid ?? 0;
  let gid = account?.gid ?? 0;
  if (account === undefined && userPart !== '') uid = numericId(userPart, 'user', () => userNotFound(userPart));

  let supplementary: number[] = [];
  if (groupPart !== '') {
    const primary = groups.find((entry) => matchesGroup(entry, groupPart));
    gid = primary?.gid ?? numericId(groupPart, 'group', () => groupNotFound(groupPart, 'user'));
  } else if (account !== undefined) {
    supplementary = groups.filter((entry) => entry.members.includes(account.name)).map((entry) => entry.gid);
  }

  const extra = groupAdd.map((name) => {
    const entry = groups.find((candidate) => matchesGroup(candidate, name));
    return entry?.gid ?? numericId(name, 'group', () => groupNotFound(name, 'group_add'));
  });
  return { uid, gid, additionalGids: unique([gid, ...supplementary, ...extra]), home: users.find((entry) => entry.uid === uid)?.home ?? '/' };
}

function findAccount(users: PasswdEntry[], userPart: string): PasswdEntry | undefined {
  // An empty user is root: runc looks for the entry with the default uid, 0.
  if (userPart === '') return users.find((entry) => entry.uid === 0);
  const uid = parseId(userPart);
  return users.find((entry) => (uid === null ? entry.name === userPart : entry.uid === uid));
}

function matchesGroup(entry: GroupEntry, name: string): boolean {
  const gid = parseId(name);
  return gid === null ? entry.name === name : entry.gid === gid;
}

function parseId(text: string): number | null {
  return /^[+-]?\d+$/.test(text) ? Number(text) : null;
}

function numericId(text: string, what: 'user' | 'group', notFound: () => BerthError): number {
  const id = parseId(text);
  if (id === null) throw notFound();
  if (id < 0 || id > maxId) {
    throw new BerthError({
      code: 'CONTAINER_ID_RANGE',
      kind: 'usage',
      message: `${what} id ${text} is out of range: uids and gids must be between 0 and ${maxId}`,
      hint: `use a ${what} id in that range, or a name the image defines`,
    });
  }
  return id;
}

function userNotFound(name: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_USER_NOT_FOUND',
    kind: 'usage',
    message: `unable to find user ${name}: no matching entries in the image's /etc/passwd`,
    hint: 'set `user:` to a user the image defines, or to a numeric uid (`"1000"` or `"1000:1000"`), which needs no entry',
  });
}

function groupNotFound(name: string, where: 'user' | 'group_add'): BerthError {
  return new BerthError({
    code: 'CONTAINER_GROUP_NOT_FOUND',
    kind: 'usage',
    message: `unable to find group ${name}${where === 'group_add' ? ' (in group_add)' : ''}: no matching entries in the image's /etc/group`,
    hint: `set ${where === 'group_add' ? '`group_add:`' : 'the group in `user:`'} to a group the image defines, or to a numeric gid, which needs no entry`,
  });
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}
