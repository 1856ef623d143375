import { environmentList, observeContainers } from '../scheduler/index.js';
import { errorText } from '../errors/index.js';
import { restartService, rebuildService, type ActionContext } from './service-actions.js';
import { runInContainer } from './container-command.js';
import { syncFiles } from './sync-files.js';
import { watchEvent, type WatchSink } from './watch-events.js';
import { syncs, type WatchRule } from './watch-rules.js';

/**
 * The watch of one service: its rules, the files synced so far, and the containers that have
 * them. Everything it does runs one step at a time (a batch, a new container's catch-up), so a
 * rebuild, the restart it causes and the next batch never overlap.
 */
export class ServiceWatch {
  /** Per sync rule, every host path synced (or due) this session: what a new container must get. */
  private readonly synced = new Map<WatchRule, Set<string>>();
  /** Containers that have every synced path. */
  private readonly upToDate = new Set<string>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly service: string,
    readonly rules: readonly WatchRule[],
    private readonly context: ActionContext,
    private readonly emit: WatchSink,
  ) {}

  /** The containers running when watch began (after any initial sync) are up to date. */
  async begin(): Promise<void> {
    const containers = await this.runningContainers();
    for (const id of containers) this.upToDate.add(id);
    const initial = this.rules.filter((rule) => rule.initialSync && syncs(rule));
    if (initial.length === 0) return;
    await this.serial(async () => {
      for (const rule of initial) {
        if (containers.length === 0) break;
        const started = Date.now();
        const outcome = await syncFiles(this.context.session.client, containers, rule, [rule.path]);
        this.emit(watchEvent({ kind: 'synced', service: this.service, target: rule.target!, copied: outcome.copied, deleted: outcome.deleted, files: outcome.files, containers: containers.length, ms: Date.now() - started, reason: 'initial' }));
      }
    });
  }

  /** One batch of changed host paths: the strongest action any matching rule asks for. */
  handle(paths: readonly string[]): Promise<void> {
    return this.serial(async () => {
      const matched = this.rules.map((rule) => ({ rule, paths: paths.filter((path) => rule.filter.accepts(path)) })).filter((match) => match.paths.length > 0);
      if (matched.length === 0) return;
      const changes = new Set(matched.flatMap((match) => match.paths)).size;
      // A rebuild makes a new image from the sources, so nothing else is needed (Compose's rule).
      if (matched.some((match) => match.rule.action === 'rebuild')) {
        await this.act('rebuild', async () => {
          this.emit(watchEvent({ kind: 'rebuilding', service: this.service, changes }));
          const started = Date.now();
          await rebuildService(this.context, this.service);
          this.emit(watchEvent({ kind: 'rebuilt', service: this.service, ms: Date.now() - started }));
        });
        return;
      }
      for (const match of matched.filter((each) => syncs(each.rule))) {
        const paths = this.synced.get(match.rule) ?? new Set<string>();
        for (const path of match.paths) paths.add(path);
        this.synced.set(match.rule, paths);
      }
      const containers = await this.runningContainers();
      // A stopped container misses this batch's files: when it runs again it gets them all (arrived).
      if (matched.some((match) => syncs(match.rule))) {
        for (const id of this.upToDate) if (!containers.includes(id)) this.upToDate.delete(id);
      }
      if (containers.length === 0) {
        // The synced paths are kept: a container that starts later gets them (see arrived).
        this.emit(watchEvent({ kind: 'not-running', service: this.service, changes }));
        return;
      }
      for (const match of matched.filter((each) => syncs(each.rule))) {
        await this.act('sync', () => this.sync(match.rule, match.paths, containers, 'change'));
      }
      if (matched.some((match) => match.rule.action === 'restart' || match.rule.action === 'sync+restart')) {
        await this.act('restart', async () => {
          const started = Date.now();
          await restartService(this.context, this.service);
          this.emit(watchEvent({ kind: 'restarted', service: this.service, ms: Date.now() - started }));
        });
      }
      for (const match of matched.filter((each) => each.rule.action === 'sync+exec')) {
        await this.act('exec', () => this.exec(match.rule, containers));
      }
    });
  }

  /**
   * A container of the service started. One not up to date (new: recreated by `up`, scaled; or
   * stopped while files were synced) gets every path synced this session. A container restarted
   * by an action or its restart policy kept its files and needs nothing.
   */
  arrived(container: string): Promise<void> {
    return this.serial(async () => {
      if (this.upToDate.has(container)) return;
      this.upToDate.add(container);
      for (const [rule, paths] of this.synced) {
        await this.act('sync', () => this.sync(rule, [...paths], [container], 'catch-up'));
      }
    });
  }

  /** Resolves once what was asked of this service so far is done. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async sync(rule: WatchRule, paths: readonly string[], containers: readonly string[], reason: 'change' | 'catch-up'): Promise<void> {
    const started = Date.now();
    const outcome = await syncFiles(this.context.session.client, containers, rule, paths);
    for (const id of containers) this.upToDate.add(id);
    this.emit(watchEvent({ kind: 'synced', service: this.service, target: rule.target!, copied: outcome.copied, deleted: outcome.deleted, files: outcome.files, containers: containers.length, ms: Date.now() - started, reason }));
  }

  private async exec(rule: WatchRule, containers: readonly string[]): Promise<void> {
    const { client } = this.context.session;
    const hook = rule.exec!;
    for (const container of containers) {
      const started = Date.now();
      const result = await runInContainer(client, container, {
        Cmd: [...hook.command],
        Env: environmentList(hook.environment) ?? [],
        Privileged: hook.privileged ?? false,
        ...(hook.user !== undefined && { User: hook.user }),
        ...(hook.working_dir !== undefined && { WorkingDir: hook.working_dir }),
      });
      this.emit(watchEvent({ kind: 'executed', service: this.service, container, command: hook.command.join(' '), exitCode: result.exitCode, output: result.output, ms: Date.now() - started }));
    }
  }

  private async runningContainers(): Promise<string[]> {
    const containers = await observeContainers(this.context.session.client, this.context.session.project.name, this.service);
    return containers.filter((container) => !container.oneOff && container.state === 'running').map((container) => container.id);
  }

  /** One action; a failure is reported and the watch goes on, as Compose's does. */
  private async act(action: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.emit(watchEvent({ kind: 'failed', service: this.service, action, message: errorText(error) }));
    }
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
