import { ComposeError, type DocumentPath } from '../compose-error.js';
import { isMapping } from './values.js';

/** The actions that copy files into the container, and so need to know where to. */
const syncActions = new Set(['sync', 'sync+restart', 'sync+exec']);

/**
 * What the schema cannot say about one `develop.watch` rule and Compose refuses on load: a sync
 * action needs a `target` (compose-go: "target is required for non-rebuild actions"), and
 * `sync+exec` needs the `exec.command` it runs after syncing.
 */
export function checkWatchRule(rule: Readonly<Record<string, unknown>>, path: DocumentPath): void {
  const action = String(rule.action);
  if (syncActions.has(action) && (typeof rule.target !== 'string' || rule.target === '')) {
    throw new ComposeError({
      code: 'COMPOSE_WATCH_TARGET_MISSING',
      message: `watch action "${action}" needs a target: the folder in the container the files of ${JSON.stringify(rule.path)} are copied to`,
      path,
      hint: 'add a target to this rule, e.g. target: /app, or use action: rebuild to build a new image instead',
    });
  }
  if (action === 'sync+exec' && !(isMapping(rule.exec) && rule.exec.command !== undefined && rule.exec.command !== null)) {
    throw new ComposeError({
      code: 'COMPOSE_WATCH_EXEC_MISSING',
      message: 'watch action "sync+exec" needs exec.command: the command to run in the container after the files are synced',
      path,
      hint: 'add exec: {command: ...} to this rule, e.g. exec: {command: kill -HUP 1}, or use action: sync+restart',
    });
  }
}
