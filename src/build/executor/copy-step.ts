import { posix } from 'node:path';
import { commitContainer } from '../../runtime/containers/commit/index.js';
import { BerthError } from '../../errors/index.js';
import { expandWord, type AddInstruction, type CopyInstruction } from '../dockerfile/index.js';
import { chownIds } from './chown-ids.js';
import { copyTar } from './copy-tar.js';
import type { CopyItem } from './copy-items.js';
import { readSources, type SourceItems } from './copy-sources.js';
import { cachedStep, type StepResult } from './step-cache.js';
import type { BuildContext, StageState } from './stage-context.js';
import { missingParents, pathKind } from './container-paths.js';
import { readContainerFile, withStepContainer } from './step-container.js';

/**
 * COPY and ADD as Docker runs them. The destination is taken from the working directory when
 * relative; it is a directory when it ends with `/`, when there are several sources, or when the
 * image already has a directory there; a directory source copies its contents. Everything new is
 * owned by root unless `--chown` says otherwise, `--chmod` sets every mode. The files are
 * unpacked into a container of the current image through the engine's hardened archive writer,
 * and the container's changes committed as the step's layer. The cache key holds the parent
 * image, the instruction and the digest of every file copied, so editing a file rebuilds from
 * the first step that copies it.
 */
export async function copyStep(context: BuildContext, state: StageState, instruction: CopyInstruction | AddInstruction): Promise<StepResult> {
  const { dockerfile } = context;
  const at = { file: dockerfile.file, line: instruction.startLine };
  const lookup = state.args.lookup(state.config.Env ?? []);
  const expand = (word: string): string => expandWord(word, lookup, { escape: dockerfile.directives.escape, at });
  const from = instruction.keyword === 'COPY' && instruction.from !== undefined ? expand(instruction.from) : undefined;
  const destination = expand(instruction.destination);
  const chown = instruction.chown !== undefined ? expand(instruction.chown) : undefined;
  const chmod = instruction.chmod !== undefined ? parseChmod(expand(instruction.chmod), `${dockerfile.file}:${instruction.startLine}`) : undefined;
  const sources = await readSources(context, state, instruction, from);
  const target = posix.resolve(state.config.WorkingDir || '/', destination);
  const wantsDirectory = /(^|\/)\.?$/.test(destination) || destination.endsWith('/.');
  if (sources.length > 1 && !wantsDirectory) {
    throw new BerthError({
      code: 'BUILD_COPY_DESTINATION',
      kind: 'usage',
      message: `${dockerfile.file}:${instruction.startLine}: When using ${instruction.keyword} with more than one source file, the destination must be a directory and end with a /`,
      hint: `write the destination as ${destination}/`,
    });
  }
  const key = [instruction.keyword, target, wantsDirectory, chown ?? null, chmod ?? null, sources.map((source) => [source.name, source.directory, source.digest])];
  const createdBy = `${instruction.keyword} ${instruction.text.replace(/^\S+\s*/, '')}`;
  return cachedStep(context, state.imageId, key, async () => {
    const request = { Image: state.imageId, Cmd: ['/bin/sh', '-c', `#(nop) ${createdBy}`], Entrypoint: [], ...(state.config.User ? { User: state.config.User } : {}) };
    return withStepContainer(context, request, async (id) => {
      const owner = chown !== undefined ? await chownIds(chown, (path) => readContainerFile(context, id, path), `${dockerfile.file}:${instruction.startLine}`) : { uid: 0, gid: 0 };
      const existing = await pathKind(context, id, target);
      const intoDirectory = wantsDirectory || sources.length > 1 || existing === 'directory';
      const items = placedItems(sources, target, intoDirectory);
      const parents = await missingParents(context, id, items, intoDirectory || sources.some((source) => source.directory) ? target : posix.dirname(target));
      await context.engine.containers.putArchive(id, '/', copyTar(items, { parents, destination: '', uid: owner.uid, gid: owner.gid, ...(chmod !== undefined ? { mode: chmod } : {}) }));
      // The image's config exactly: nothing of the step container's (its #(nop) command) may leak into it.
      const committed = await commitContainer(context.engine, id, { config: state.config, createdBy, pause: false, buildStep: { containerConfig: request } });
      return committed.id;
    });
  });
}

/** Each source's items named from the root: a directory's contents in the target, a file at or into it. */
function placedItems(sources: readonly SourceItems[], target: string, intoDirectory: boolean): CopyItem[] {
  const root = target.replace(/^\/+/, '');
  const under = (base: string, name: string): string => [base, name].filter((part) => part !== '').join('/');
  const placed: CopyItem[] = [];
  for (const source of sources) {
    const base = source.directory || !intoDirectory ? root : under(root, source.name);
    for (const item of source.items) placed.push({ ...item, name: under(base, item.name) });
  }
  return placed;
}

function parseChmod(text: string, line: string): number {
  if (!/^[0-7]{1,4}$/.test(text)) {
    throw new BerthError({ code: 'BUILD_COPY_CHMOD', kind: 'usage', message: `${line}: invalid --chmod=${text}`, hint: 'give an octal mode: --chmod=0644' });
  }
  return parseInt(text, 8);
}
