import { BerthError } from '../../errors/index.js';

/** Reads a file of the image being built (`/etc/passwd`), or undefined when it has none. */
export type ImageFileReader = (path: string) => Promise<string | undefined>;

/**
 * `--chown=user:group` as numbers, as Docker resolves it: numbers are taken as they are, names are
 * looked up in the image's /etc/passwd and /etc/group; a user alone gives the group of the same
 * id, as Docker's builder does (not the user's primary group).
 */
export async function chownIds(spec: string, readFile: ImageFileReader, line: string): Promise<{ uid: number; gid: number }> {
  const [user = '', group] = spec.split(':');
  const uid = await lookupId(user, '/etc/passwd', readFile, spec, line);
  const gid = group === undefined ? uid : await lookupId(group, '/etc/group', readFile, spec, line);
  return { uid, gid };
}

async function lookupId(name: string, file: string, readFile: ImageFileReader, spec: string, line: string): Promise<number> {
  if (/^\d+$/.test(name)) return Number(name);
  const text = await readFile(file);
  for (const entry of (text ?? '').split('\n')) {
    const fields = entry.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  throw new BerthError({
    code: 'BUILD_CHOWN_UNKNOWN',
    kind: 'usage',
    message: `${line}: unable to convert uid/gid chown string to host mapping: can't find ${file === '/etc/passwd' ? 'uid' : 'gid'} for ${file === '/etc/passwd' ? 'user' : 'group'} ${name}: no such ${file === '/etc/passwd' ? 'user' : 'group'} in ${file} (--chown=${spec})`,
    hint: 'create the user in an earlier RUN, or give numeric ids: --chown=1000:1000',
  });
}
