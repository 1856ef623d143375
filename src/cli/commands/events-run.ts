import { composeLabels, projectFilter } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { connectEngine } from '../project-session.js';
import { eventJson, eventText, projectEvent } from './events-format.js';
import { abortOnInterrupt, interruptedExitCode } from './logs-interrupt.js';
import { engineTimestamp } from './logs-timestamp.js';
import type { EventsCommandOptions } from './events.js';
import { projectOrName } from './project-or-name.js';

/**
 * `berth events`: the engine's events for the project's service containers (one-off ones left
 * out), one line each, as they happen, until Ctrl-C (exit code 130) or `--until`.
 */
export async function runEvents(services: string[], options: EventsCommandOptions, global: GlobalOptions): Promise<number> {
  const since = options.since === undefined ? undefined : engineTimestamp('--since', options.since);
  const until = options.until === undefined ? undefined : engineTimestamp('--until', options.until);
  const scope = await projectOrName(global, services);
  const client = await connectEngine(global);
  const interrupt = abortOnInterrupt();
  try {
    const events = client.events({ since, until, filters: { type: ['container'], label: projectFilter(scope.name) }, signal: interrupt.signal });
    for await (const event of events) {
      if (event.Type !== 'container' || event.Actor.Attributes?.[composeLabels.oneoff] === 'True') continue;
      const reported = projectEvent(event);
      if (services.length > 0 && !services.includes(reported.service)) continue;
      process.stdout.write(options.json ? eventJson(reported) : eventText(reported));
    }
    return interrupt.interrupted() ? interruptedExitCode : 0;
  } finally {
    interrupt.dispose();
    client.close();
  }
}
