import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { EngineClient } from '../../api/index.js';
import { BerthError, usageError } from '../../errors/index.js';
import { serviceContainer, serviceContainers, type ObservedContainer } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProjectSession } from '../project-session.js';
import { checkedArchive, extractArchive, localArchive, type Rebase } from './cp-archive.js';
import { containerPathStat, copyEndpoint, copyPlacement, copyRefused, isDirectoryMode, isSymlinkMode, linkTargetPath, sourceBase, type PathFacts } from './cp-paths.js';
import type { CpCommandOptions } from './cp.js';

/**
 * `berth cp`: copies between a service's container and the local filesystem with `docker cp`'s
 * rules. Out of a service it reads the first container (or --index N); into a service it writes
 * every container (or --index N). `-` is a tar on stdin or stdout; a tar from stdin is checked
 * whole before any of it is sent.
 */
export async function runCp(source: string, destination: string, options: CpCommandOptions, global: GlobalOptions): Promise<void> {
  if (source === '') throw usageError('source can not be empty');
  if (destination === '') throw usageError('destination can not be empty');
  const from = copyEndpoint(source);
  const to = copyEndpoint(destination);
  if (from.service !== undefined && to.service !== undefined) throw usageError('copying between services is not supported');
  if (from.service === undefined && to.service === undefined) throw usageError('unknown copy direction', 'name the container side as SERVICE:PATH');

  // The project gives the name its containers are labelled with; they are found by label.
  const opened = await openProjectSession(global, [], () => undefined);
  try {
    const { client, project } = opened.session;
    if (from.service !== undefined) {
      const [container] = await copyTargets(client, project.name, from.service, options, 'out');
      if (!global.dryRun) await copyOut(client, container!, from.path, to.path, options);
    } else {
      const containers = await copyTargets(client, project.name, to.service!, options, 'in');
      if (!global.dryRun) await copyIn(client, containers, from.path, to.path, options);
    }
  } finally {
    opened.close();
  }
}

async function copyTargets(client: EngineClient, projectName: string, service: string, options: CpCommandOptions, direction: 'in' | 'out'): Promise<ObservedContainer[]> {
  if (options.index) return [await serviceContainer(client, projectName, service, { index: options.index, oneOffs: 'exclude', stopped: true })];
  const containers = await serviceContainers(client, projectName, service, { oneOffs: options.all ? 'include' : 'exclude', stopped: true });
  if (containers.length === 0) {
    throw new BerthError({ code: 'SERVICE_NOT_FOUND', kind: 'not-found', message: `no container found for service "${service}"`, hint: `create it first: berth up -d ${service}` });
  }
  return direction === 'out' ? containers.slice(0, 1) : containers;
}

async function copyOut(client: EngineClient, container: ObservedContainer, sourcePath: string, destination: string, options: CpCommandOptions): Promise<void> {
  let path = sourcePath;
  if (options.followLink) {
    const link = await containerPathStat(client, container.id, sourcePath);
    if (link && isSymlinkMode(link.mode)) path = linkTargetPath(sourcePath, link.linkTarget);
  }
  const archive = await client.containers.getArchive(container.id, path);
  if (destination === '-') {
    for await (const chunk of archive.tar as AsyncIterable<Buffer>) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    return;
  }
  const target = absoluteKeepingSlash(destination);
  const wanted = sourceBase(sourcePath);
  const placement = copyPlacement({ base: wanted, isDirectory: isDirectoryMode(archive.stat.mode) }, target, await localFacts(target));
  // The engine names the top entry after the path it read: a followed link's target, not the link.
  await extractArchive(archive.tar, placement.directory, rebaseFrom(sourceBase(path), placement.rebase?.to ?? wanted));
}

async function copyIn(client: EngineClient, containers: readonly ObservedContainer[], sourcePath: string, destination: string, options: CpCommandOptions): Promise<void> {
  const piped = sourcePath === '-' ? await checkedArchive(process.stdin) : undefined;
  try {
    for (const container of containers) {
      let target = destination;
      let facts = await containerFacts(client, container.id, target);
      if (facts.linkTarget !== undefined) {
        target = linkTargetPath(destination, facts.linkTarget);
        facts = await containerFacts(client, container.id, target);
      }
      const put = { noOverwriteDirNonDir: true, copyUIDGID: options.archive };
      if (piped) {
        if (!facts.isDirectory) throw copyRefused(`destination "${container.name}:${destination}" must be a directory`);
        await client.containers.putArchive(container.id, target, piped.open(), put);
        continue;
      }
      const local = await localSource(sourcePath, options.followLink);
      const wanted = sourceBase(sourcePath);
      const placement = copyPlacement({ base: wanted, isDirectory: local.isDirectory }, target, facts);
      const pack = wanted === '.'
        ? localArchive(local.path, '.', placement.rebase)
        : localArchive(dirname(local.path), basename(local.path), rebaseFrom(basename(local.path), placement.rebase?.to ?? wanted));
      await client.containers.putArchive(container.id, placement.directory, pack, put);
    }
  } finally {
    await piped?.discard();
  }
}

function rebaseFrom(from: string, to: string): Rebase | undefined {
  return from === to ? undefined : { from, to };
}

/** The path in the container: whether it exists, is a directory, or is a link to follow. */
async function containerFacts(client: EngineClient, containerId: string, path: string): Promise<PathFacts & { linkTarget?: string }> {
  const found = await containerPathStat(client, containerId, path);
  if (!found) return { exists: false, isDirectory: false };
  if (isSymlinkMode(found.mode)) return { exists: true, isDirectory: false, linkTarget: found.linkTarget };
  return { exists: true, isDirectory: isDirectoryMode(found.mode) };
}

/** A local destination; its parent must exist, as with `docker cp`. */
async function localFacts(path: string): Promise<PathFacts> {
  const found = await stat(path).catch(missingIsUndefined);
  if (found) return { exists: true, isDirectory: found.isDirectory() };
  const parent = await stat(dirname(path)).catch(missingIsUndefined);
  if (!parent?.isDirectory()) throw copyRefused(`the directory ${dirname(path)} does not exist`);
  return { exists: false, isDirectory: false };
}

/** The local file or directory to send: with -L a symbolic link counts as what it points to. */
async function localSource(path: string, followLink: boolean): Promise<{ path: string; isDirectory: boolean }> {
  const absolute = resolve(path);
  const found = await lstat(absolute).catch(missingIsUndefined);
  if (!found) throw new BerthError({ code: 'COPY_SOURCE_MISSING', kind: 'not-found', message: `no such file or directory: ${path}`, hint: 'check the local path; relative paths start from the directory berth runs in' });
  if (!followLink || !found.isSymbolicLink()) return { path: absolute, isDirectory: found.isDirectory() };
  const target = await realpath(absolute);
  return { path: target, isDirectory: (await stat(target)).isDirectory() };
}

/** `resolve` drops a trailing `/` or `/.`, which say "a directory" (and "its content") to cp. */
function absoluteKeepingSlash(path: string): string {
  const absolute = resolve(path);
  if (path.endsWith('/.')) return `${absolute}/.`;
  return path.endsWith('/') && absolute !== '/' ? `${absolute}/` : absolute;
}

function missingIsUndefined(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
  throw error;
}
