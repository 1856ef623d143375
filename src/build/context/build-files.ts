import { lstat, readFile, realpath, rm } from 'node:fs/promises';
import { cleanPath } from './clean-path.js';
import { IgnoreRules } from './ignore-rules.js';
import { resolveInScope } from './scoped-path.js';

/**
 * The daemon's side of "the Dockerfile and the ignore file are always sent": once the Dockerfile
 * is read from an unpacked context, each of the two that the context's ignore rules exclude is
 * removed, so no COPY sees it, as Docker's classic builder does. The rules are read from
 * `<dockerfile>.dockerignore` when the context has it (what berth's contextTar sends when the
 * Dockerfile's own ignore file applied), else from `.dockerignore` (what the docker CLI sends,
 * with a generated Dockerfile name appended). `dockerfile` is the request's `dockerfile`
 * parameter; like every path here it is resolved inside the context.
 */
export async function removeBuildFiles(contextDirectory: string, dockerfile: string): Promise<void> {
  const root = await realpath(contextDirectory);
  const dockerfileName = relativeName(dockerfile);
  const own = `${dockerfileName}.dockerignore`;
  const rulesName = (await regularFile(root, own)) ? own : '.dockerignore';
  const rulesFile = await resolveInScope(root, rulesName);
  const text = await readFile(rulesFile.hostPath, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const rules = IgnoreRules.parse(text, rulesName);
  for (const name of [rulesName, dockerfileName]) {
    if (!rules.excludes(name)) continue;
    // The file itself goes, not what a link there leads to.
    const { hostPath } = await resolveInScope(root, name, { followFinal: false });
    await rm(hostPath, { force: true });
  }
}

/** A name of the context, `..` and a leading `/` kept inside it. */
function relativeName(path: string): string {
  return cleanPath(`/${path}`).slice(1);
}

async function regularFile(root: string, name: string): Promise<boolean> {
  const { hostPath } = await resolveInScope(root, name);
  return (await lstat(hostPath).catch(() => undefined))?.isFile() ?? false;
}
