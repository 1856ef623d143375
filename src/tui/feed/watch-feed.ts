// From describe-event.js, not the watch's index: the index loads chokidar, which the UI must not
// load until a watch starts.
import { describeWatchEvent } from '../../watch/describe-event.js';
import type { WatchEvent } from '../../watch/index.js';
import { printable } from '../model/printable.js';
import type { TuiStore } from '../model/tui-store.js';

/**
 * The name column of watch's lines in the logs panel. The lines keep their service, so they sort
 * with its colour and stay in view when that service's logs are shown alone.
 */
export const watchSource = 'watch';

/**
 * One watch event into the store: a line in the logs panel (`[web] synced ...`), the same words in
 * the status bar, and a failure in the errors panel too. The output of an `executed` command
 * follows its line, as a container's output would.
 */
export function showWatchEvent(store: TuiStore, event: WatchEvent): void {
  const [first = '', ...more] = describeWatchEvent(event).split('\n');
  const headline = `${event.service ? `[${event.service}] ` : ''}${first}`;
  const timestamp = new Date(event.time).toISOString();
  const line = (text: string, stream: 'stdout' | 'note'): void => store.addLog({ service: event.service, container: watchSource, stream, text, timestamp });
  // A description is one line unless a path or an error's message brings its own newlines.
  for (const text of [headline, ...more]) line(text, 'note');
  if (event.kind === 'executed') for (const text of outputLines(event.output)) line(text, 'stdout');
  store.update((state) => {
    state.notice = printable(headline);
    if (event.kind === 'failed') state.errors.push({ time: event.time, title: event.service ? `watch ${event.service}` : 'watch', message: describeWatchEvent(event) });
  });
}

/** A command's output as lines, without the empty one after its final newline. */
function outputLines(output: string): string[] {
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
