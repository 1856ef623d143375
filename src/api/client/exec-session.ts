import type { EngineEndpoint } from '../endpoint.js';
import { hijack } from './hijack.js';
import { stdioSession, type StdioSession } from './hijack-session.js';
import type { ByteSource } from './multiplexed-stream.js';

/** A started exec's stdio. Its exit code comes from exec inspect (`GET /exec/{id}/json`) once output ends. */
export type ExecSession = StdioSession;

export interface StartExecOptions {
  /** Must match the exec's `Tty` at creation: it decides whether the output is framed. */
  tty: boolean;
  /** Sent as the exec's stdin, then half-closed; the exec must have been created with `AttachStdin`. */
  input?: ByteSource;
}

/** `POST {apiPrefix}/exec/{id}/start`, attached: the connection carries the exec's stdio until it exits. */
export async function startExec(endpoint: EngineEndpoint, apiPrefix: string, execId: string, options: StartExecOptions): Promise<ExecSession> {
  const path = `${apiPrefix}/exec/${encodeURIComponent(execId)}/start`;
  const stream = await hijack(endpoint, { method: 'POST', path, body: { Detach: false, Tty: options.tty } });
  return stdioSession(stream, options.tty, `exec ${execId.slice(0, 12)}`, options.input);
}
