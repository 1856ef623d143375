/**
 * The CLI's side of the built-in engine: berth talks to its own daemon unless -H, a *_HOST
 * variable or a context names another engine, and starts that daemon when nothing listens on its
 * socket. Light on purpose (the CLI imports it at start-up); the start itself is loaded on demand.
 */
import { EngineClient, type EngineEndpoint, type EngineSelection } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import { builtInEngineSocket, type Environment } from '../config/defaults.js';

/**
 * Connects to the selected engine. For berth's built-in engine (the `default` choice) the socket is
 * `$BERTH_EXEC_ROOT/berth.sock` when that variable is set, and a socket that is missing or refuses
 * connections is answered by starting `berth daemon` when berth runs as root (unless
 * BERTH_NO_AUTOSTART=1), with a note on stderr saying where its log is; anyone else is told how to
 * start it or how to choose another engine.
 */
export async function connectSelectedEngine(selection: EngineSelection, env: Environment, note: (line: string) => void): Promise<EngineClient> {
  if (!isBuiltInEngine(selection)) return EngineClient.connect(selection.endpoint);
  const endpoint: EngineEndpoint = { kind: 'unix', socketPath: builtInEngineSocket(env) };
  try {
    return await EngineClient.connect(endpoint);
  } catch (error) {
    if (!nothingListens(error)) throw error;
    if (env.BERTH_NO_AUTOSTART === '1') throw notRunning(endpoint.socketPath, error, 'start it with: sudo berth daemon (BERTH_NO_AUTOSTART=1 keeps berth from starting it)');
    if (process.getuid?.() !== 0) throw notRunning(endpoint.socketPath, error, `start it as root (sudo berth daemon), or point berth at another engine with -H, DOCKER_HOST or a context (berth context use NAME)`);
    const { startBuiltInEngine } = await import('./start-engine.js');
    const started = await startBuiltInEngine(env);
    note(`started berth's engine (pid ${started.pid}); its log is ${started.logFile}`);
    return EngineClient.connect(endpoint);
  }
}

/** The `default` choice, or the `default` context named outright: both mean berth's own engine. */
function isBuiltInEngine(selection: EngineSelection): boolean {
  return selection.source === 'default' || selection.source === 'context "default"';
}

/** No socket, or a socket nobody listens on (a daemon that died): the cases a start fixes. */
function nothingListens(error: unknown): boolean {
  if (!(error instanceof BerthError) || error.code !== 'ENGINE_UNAVAILABLE') return false;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
}

function notRunning(socketPath: string, cause: unknown, hint: string): BerthError {
  const code = (cause as { cause?: NodeJS.ErrnoException }).cause?.code;
  return new BerthError({
    code: 'ENGINE_UNAVAILABLE',
    kind: 'unavailable',
    message: `berth's engine is not running (${code === 'ENOENT' ? `no socket at ${socketPath}` : `nothing is listening on ${socketPath}`})`,
    hint,
    cause,
  });
}
