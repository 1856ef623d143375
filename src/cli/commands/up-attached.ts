import { changeContainers, observeContainers, streamProjectLogs } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { LogPrinter } from '../output/log-printer.js';
import { onInterrupts } from '../output/signals.js';
import { colourEnabled } from '../output/terminal.js';
import type { OpenedSession } from '../project-session.js';
import { displayName } from './display-name.js';
import type { UpCommandOptions } from './up.js';

const exitLinesGraceMs = 2000;

export interface AttachedUp {
  /** Services named on the command line. */
  services: readonly string[];
  /** Services `up` converged (named ones and their dependencies). */
  converged: readonly string[];
  options: UpCommandOptions;
  global: GlobalOptions;
  /** Unix seconds when `up` began: exits and starts since then are not missed. */
  eventsSince: number;
}

/**
 * Attached `up`: prints the attached services' logs with Compose's prefixes until every attached
 * container has exited, or until Ctrl-C (graceful stop; a second Ctrl-C kills), or until a
 * container exits under --abort-on-container-exit / --abort-on-container-failure / --exit-code-from.
 * Returns the exit code Compose would.
 */
export async function followAttached(opened: OpenedSession, attached: AttachedUp): Promise<number> {
  const { session } = opened;
  const { project, client } = session;
  const { options } = attached;
  const attachTo = attachedServices(attached).filter((service) => project.services[service]?.attach !== false);
  const containers = (await observeContainers(client, project.name)).filter((container) => attachTo.includes(container.service) && !container.oneOff);
  const name = (container: string): string => displayName(project.name, container);
  const printer = new LogPrinter({ stdout: process.stdout, stderr: process.stderr }, containers.map((container) => name(container.name)), {
    colour: options.color && colourEnabled(attached.global.ansi, process.stdout),
    prefix: options.logPrefix,
    timestamps: options.timestamps,
  });
  printer.attaching(containers.map((container) => name(container.name)));

  const following = new AbortController();
  // Each attached container runs, or was started by this `up` (which starts every stopped one), so
  // its exit is still to come or among the events replayed from `eventsSince`: following ends
  // once every one has exited, even one that exited before this point.
  const running = new Set(containers.map((container) => container.name));
  let exitCode = 0;
  let stopping: Promise<unknown> | undefined;
  const stopProject = (kind: 'stop' | 'kill'): Promise<unknown> =>
    changeContainers(session, kind === 'stop' ? { kind: 'stop' } : { kind: 'kill', signal: 'SIGKILL' }, { services: attached.converged, stopTimeout: options.timeout })
      .catch((error: unknown) => process.stderr.write(`berth: ${error instanceof Error ? error.message : String(error)}\n`))
      // The containers' exit lines come as their die events arrive; give them a moment, not forever.
      .finally(() => setTimeout(() => following.abort(), exitLinesGraceMs).unref());

  const abortOnExit = options.abortOnContainerExit || options.abortOnContainerFailure || options.exitCodeFrom !== undefined;
  const disposeSignals = onInterrupts({
    onGraceful: () => {
      printer.gracefullyStopping();
      exitCode = 130;
      stopping ??= stopProject('stop');
    },
    onForce: () => {
      exitCode = 130;
      stopping = stopProject('kill');
    },
  });

  try {
    const follow = running.size > 0;
    await streamProjectLogs(
      client,
      project.name,
      {
        services: attachTo,
        follow,
        // Output from before this `up` (a container's earlier runs) is not shown, as in Compose.
        since: attached.eventsSince.toFixed(9),
        timestamps: options.timestamps,
        eventsSince: attached.eventsSince,
        ...(follow ? { signal: following.signal } : {}),
        onAttach: (container) => running.add(container.name),
        onExit: (container) => {
          printer.exited(name(container.name), container.exitCode);
          running.delete(container.name);
          if (abortOnExit && !stopping && (!options.abortOnContainerFailure || container.exitCode !== 0)) {
            if (options.exitCodeFrom === undefined || options.exitCodeFrom === container.service) exitCode = container.exitCode;
            printer.aborting();
            stopping = stopProject('stop');
          } else if (running.size === 0) {
            following.abort();
          }
        },
      },
      (line) => printer.log({ container: name(line.container), stream: line.stream, line: line.text, ...(line.timestamp ? { timestamp: line.timestamp } : {}) }),
    );
    await stopping;
    if (options.exitCodeFrom !== undefined) exitCode = await exitCodeOf(opened, options.exitCodeFrom, exitCode);
    return exitCode;
  } finally {
    disposeSignals();
  }
}

function attachedServices(attached: AttachedUp): string[] {
  const { options } = attached;
  const base = options.attach.length > 0 ? options.attach : options.attachDependencies || attached.services.length === 0 ? attached.converged : attached.services;
  return base.filter((service) => !options.noAttach.includes(service));
}

/** --exit-code-from: the exit code of that service's first container, once it has stopped. */
async function exitCodeOf(opened: OpenedSession, service: string, fallback: number): Promise<number> {
  const [container] = await observeContainers(opened.session.client, opened.session.project.name, service);
  if (!container) return fallback;
  const inspect = await opened.session.client.containers.inspect(container.id);
  return inspect.State.Running ? fallback : inspect.State.ExitCode;
}
