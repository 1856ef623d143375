import { BerthError } from '../../../errors/index.js';

/** `docker top`'s answer: ps's column titles and the container's rows. */
export interface ProcessTable {
  Titles: string[];
  Processes: string[][];
}

/**
 * Picks the container's processes out of the host's `ps` output, as Docker's `top` does: the
 * `PID` column found by its title, and each row split into as many fields as there are titles,
 * the last one keeping its spaces (the command line).
 */
export function containerProcesses(psOutput: string, pids: ReadonlySet<number>, psArgs: string): ProcessTable {
  const lines = psOutput.split('\n').filter((line) => line.trim() !== '');
  const header = lines.shift();
  const Titles = header?.trim().split(/\s+/) ?? [];
  const pidColumn = Titles.indexOf('PID');
  if (pidColumn < 0) {
    throw new BerthError({
      code: 'CONTAINER_TOP_NO_PID',
      kind: 'usage',
      message: `ps ${psArgs} printed no PID column, so its lines cannot be matched to the container's processes`,
      hint: 'give ps options that keep the PID column, such as `-ef` (the default) or `-o pid,user,args`',
    });
  }
  const Processes: string[][] = [];
  for (const line of lines) {
    const fields = splitFields(line.trim(), Titles.length);
    if (pids.has(Number(fields[pidColumn]))) Processes.push(fields);
  }
  return { Titles, Processes };
}

/** The first `count - 1` whitespace-separated fields, then the rest of the line as one. */
function splitFields(line: string, count: number): string[] {
  const fields: string[] = [];
  let rest = line;
  while (fields.length < count - 1) {
    const match = /^(\S+)\s*/.exec(rest);
    if (!match) break;
    fields.push(match[1]!);
    rest = rest.slice(match[0].length);
  }
  if (rest !== '') fields.push(rest);
  return fields;
}
