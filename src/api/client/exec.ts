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
}
