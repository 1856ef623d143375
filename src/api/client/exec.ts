import type { ExecCreateRequest, ExecCreateResponse, ExecInspect } from '../types/exec.js';
import { pathSegment } from './query.js';
import type { EngineRequester } from './request.js';

/**
 * Exec instances: create one in a running container, start it through the hijacking helper
 * (exec-session.ts, with `client.endpoint` and `client.apiPrefix`), read its exit code here.
 */
export class ExecApi {
  constructor(private readonly engine: EngineRequester) {}

  /** A container that is not running is a 409 (kind `conflict`). */
  create(containerId: string, request: ExecCreateRequest): Promise<ExecCreateResponse> {
    return this.engine.requestJson({ method: 'POST', path: `/containers/${pathSegment(containerId)}/exec`, body: { json: request } });
  }

  inspect(execId: string): Promise<ExecInspect> {
    return this.engine.requestJson({ method: 'GET', path: `/exec/${pathSegment(execId)}/json` });
  }

  /**
   * The exit code once the exec has ended. Its output can end a moment before the engine marks it
   * finished, so a running exec is asked again for up to `withinMs`; for one still running then
   * (it closed its output and went on) this is what inspect says, null as a rule.
   */
  async exitCode(execId: string, withinMs = 5_000): Promise<number | null> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const { Running, ExitCode } = await this.inspect(execId);
      if ((!Running && ExitCode !== null) || Date.now() > deadline) return ExitCode;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
