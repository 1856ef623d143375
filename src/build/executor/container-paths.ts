import type { CopyItem } from './copy-items.js';
import type { BuildContext } from './stage-context.js';

/** The directories the items need that the image lacks (`directory` and its parents too), parents first. */
export async function missingParents(context: BuildContext, id: string, items: readonly CopyItem[], directory: string): Promise<string[]> {
  const wanted = new Set<string>();
  const addParents = (name: string, self: boolean): void => {
    const parts = name.split('/').filter((part) => part !== '');
    for (let length = 1; length < parts.length + (self ? 1 : 0); length++) wanted.add(parts.slice(0, length).join('/'));
  };
  addParents(directory, true);
  for (const item of items) addParents(item.name, false);
  const missing: string[] = [];
  const named = new Set(items.map((item) => item.name));
  for (const parent of [...wanted].sort()) {
    if (named.has(parent)) continue;
    if ((await pathKind(context, id, `/${parent}`)) === undefined) missing.push(parent);
  }
  return missing;
}

export async function pathKind(context: BuildContext, id: string, path: string): Promise<'directory' | 'other' | undefined> {
  if (path === '/') return 'directory';
  const stat = await context.engine.containers.archiveStat(id, path).catch(() => undefined);
  if (!stat) return undefined;
  return stat.mode >= 2 ** 31 ? 'directory' : 'other';
}
