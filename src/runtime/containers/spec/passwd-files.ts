/**
 * /etc/passwd and /etc/group lines parsed as runc's libcontainer/user parses them (what Docker
 * uses): fields split on `:`, blank lines skipped, a number that does not parse read as 0, a
 * missing field read as empty. Odd files are read the same way Docker reads them, so a user
 * resolves to the same ids under berth.
 */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function parsePasswd(text: string): PasswdEntry[] {
  return lines(text).map((fields) => ({
    name: fields[0] ?? '',
    uid: looseNumber(fields[2]),
    gid: looseNumber(fields[3]),
    home: fields[5] ?? '',
  }));
}

export function parseGroup(text: string): GroupEntry[] {
  return lines(text).map((fields) => ({
    name: fields[0] ?? '',
    gid: looseNumber(fields[2]),
    members: (fields[3] ?? '').split(','),
  }));
}

function lines(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(':'));
}

/** Go's strconv.Atoi with its error ignored: optional sign, decimal digits, else 0. */
function looseNumber(field: string | undefined): number {
  return field !== undefined && /^[+-]?\d+$/.test(field) ? Number(field) : 0;
}
