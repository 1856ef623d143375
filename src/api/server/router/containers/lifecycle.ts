import { BerthError } from '../../../../errors/index.js';
import { signalNumber } from '../../../../runtime/containers/records/index.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import type { ContainersBackend } from './index.js';

/**
 * start, stop, restart, kill, pause, unpause and remove: each the engine's call, answered with
 * Docker's status (204; 304 for a start or stop that changed nothing).
 */
export function lifecycleHandlers({ containers }: ContainersBackend) {
  return {
    async start(call: ApiCall): Promise<void> {
      refuseStartBody(call);
      const { changed } = await containers.start(call.params.id!);
      call.sendEmpty(changed ? 204 : 304);
    },
    async stop(call: ApiCall): Promise<void> {
      // `signal` is API 1.42's; at 1.41 the container's StopSignal is sent, as dockerd 20.10 does.
      const { changed } = await containers.stop(call.params.id!, call.query.int('t'));
      call.sendEmpty(changed ? 204 : 304);
    },
    async restart(call: ApiCall): Promise<void> {
      await containers.restart(call.params.id!, call.query.int('t'));
      call.sendEmpty();
    },
    async kill(call: ApiCall): Promise<void> {
      const id = call.params.id!;
      const signal = call.query.string('signal') || undefined;
      if (signal !== undefined && signalNumber(signal) === undefined) throw badParameter(`Invalid signal: ${signal}`, 'give a signal name (SIGTERM, HUP) or number (15)');
      try {
        await containers.kill(id, signal);
      } catch (error) {
        throw cannotKill(error, id);
      }
      call.sendEmpty();
    },
    async pause(call: ApiCall): Promise<void> {
      await containers.pause(call.params.id!);
      call.sendEmpty();
    },
    async unpause(call: ApiCall): Promise<void> {
      await containers.unpause(call.params.id!);
      call.sendEmpty();
    },
    async remove(call: ApiCall): Promise<void> {
      const id = call.params.id!;
      if (call.query.bool('link')) {
        throw badParameter(`Cannot remove link ${id}: berth's engine has no legacy container links`, 'remove the container itself (without link=1); networks give containers each other\'s names');
      }
      await containers.remove(id, { force: call.query.bool('force'), volumes: call.query.bool('v') });
      call.sendEmpty();
    },
  };
}

/** Since API 1.24 a start takes no body; a config there is refused as dockerd refuses it. */
function refuseStartBody(call: ApiCall): void {
  const length = Number(call.request.headers['content-length'] ?? 0);
  if (length > 7 || call.request.headers['transfer-encoding'] === 'chunked') {
    throw badParameter('starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24', 'give the configuration at create, not at start');
  }
}

/** dockerd 20.10 says which container it could not kill before why: `Cannot kill container: web: Container … is not running`. */
function cannotKill(error: unknown, id: string): unknown {
  if (!(error instanceof BerthError)) return error;
  return new BerthError({ code: error.code, kind: error.kind, message: `Cannot kill container: ${id}: ${error.message}`, ...(error.hint ? { hint: error.hint } : {}), cause: error });
}
