import type { WatchEvent } from './watch-events.js';

/** How many paths a line names before it says how many more there are. */
const namedPaths = 3;

/**
 * One watch event in words, without the service's name (the caller puts it in front, as
 * `[web] `): `synced /app/src/a.js, /app/src/b.js (2 files) in 24 ms`.
 */
export function describeWatchEvent(event: WatchEvent): string {
  switch (event.kind) {
    case 'watching':
      return `watching ${event.paths.join(', ')} (${event.actions.join(', ')})`;
    case 'synced': {
      const parts: string[] = [];
      if (event.copied.length > 0) parts.push(`synced ${someOf(event.copied)} (${event.files} ${event.files === 1 ? 'file' : 'files'})`);
      if (event.deleted.length > 0) parts.push(`deleted ${someOf(event.deleted)}`);
      if (parts.length === 0) parts.push(`synced nothing to ${event.target}`);
      const why = event.reason === 'initial' ? ' (initial sync)' : event.reason === 'catch-up' ? ' (catching up a container that missed them)' : '';
      const where = event.containers === 1 ? '' : ` in ${event.containers} containers`;
      return `${parts.join('; ')}${where}${why} in ${duration(event.ms)}`;
    }
    case 'restarted':
      return `restarted in ${duration(event.ms)}`;
    case 'rebuilding':
      return `rebuilding after ${event.changes} ${event.changes === 1 ? 'change' : 'changes'}`;
    case 'rebuilt':
      return `rebuilt and recreated in ${duration(event.ms)}`;
    case 'executed':
      return `ran ${JSON.stringify(event.command)} in ${event.container.slice(0, 12)}: exit code ${event.exitCode}, ${duration(event.ms)}`;
    case 'not-running':
      return `is not running: ${event.changes} ${event.changes === 1 ? 'change' : 'changes'} will be synced when a container starts`;
    case 'failed':
      return `${event.action} failed: ${event.message}`;
  }
}

function someOf(paths: readonly string[]): string {
  const shown = paths.slice(0, namedPaths).join(', ');
  return paths.length > namedPaths ? `${shown} and ${paths.length - namedPaths} more` : shown;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
