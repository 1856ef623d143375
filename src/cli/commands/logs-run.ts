import { BerthError, usageError } from '../../errors/index.js';
import { observeContainers, streamProjectLogs } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { colourEnabled, LogPrinter } from '../output/index.js';
import { connectEngine } from '../project-session.js';
import { displayName } from './display-name.js';
import { abortOnInterrupt, interruptedExitCode } from './logs-interrupt.js';
import { engineTimestamp } from './logs-timestamp.js';
import type { LogsCommandOptions } from './logs.js';
import { projectOrName } from './project-or-name.js';

/**
 * `berth logs`: what the project's service containers logged, `web-1  | text`, one colour per
 * container. With `-f` it keeps following while any container runs, picks up containers that start,
 * restart or are recreated later, and stops on Ctrl-C (exit code 130). Returns the exit code.
 */
export async function runLogs(services: string[], options: LogsCommandOptions, global: GlobalOptions): Promise<number> {
  if (options.index !== undefined && services.length !== 1) throw usageError('--index requires one service to be selected', 'name the service: berth logs --index 2 web');
  const since = options.since === undefined ? undefined : engineTimestamp('--since', options.since);
  const until = options.until === undefined ? undefined : engineTimestamp('--until', options.until);
  const scope = await projectOrName(global, services);
  const client = await connectEngine(global);
  const interrupt = abortOnInterrupt();
  try {
    const containers = (await observeContainers(client, scope.name)).filter(
      (container) => !container.oneOff && (services.length === 0 || services.includes(container.service)),
    );
    const selected = options.index === undefined ? undefined : containers.find((container) => container.number === options.index);
    if (options.index !== undefined && !selected) {
      throw new BerthError({ code: 'NO_SUCH_CONTAINER', kind: 'not-found', message: `service "${services[0]}" has no container with index ${options.index}`, hint: `see its containers and their numbers with: berth ps ${services[0]}` });
    }
    const shown = selected ? [selected] : containers;
    const name = (container: string): string => displayName(scope.name, container);
    const printer = new LogPrinter({ stdout: process.stdout, stderr: process.stderr }, shown.map((container) => name(container.name)).sort(), {
      colour: options.color && colourEnabled(global.ansi, process.stdout),
      prefix: options.logPrefix,
      timestamps: options.timestamps,
    });
    // As in Compose, `-f` on a project with nothing running prints what there is and returns.
    const follow = options.follow && shown.some((container) => ['running', 'restarting', 'paused'].includes(container.state));
    await streamProjectLogs(
      client,
      scope.name,
      {
        services,
        follow,
        tail: options.tail,
        since,
        until,
        timestamps: options.timestamps,
        signal: interrupt.signal,
      },
      (line) => {
        if (selected && line.container !== selected.name) return;
        printer.log({ container: name(line.container), stream: line.stream, line: line.text, ...(line.timestamp ? { timestamp: line.timestamp } : {}) });
      },
    );
    return interrupt.interrupted() ? interruptedExitCode : 0;
  } finally {
    interrupt.dispose();
    client.close();
  }
}
