import { engineRequest, type EngineResponse } from '../../../harness/engine-http.js';

/**
 * One request on its own connection, answered whole, with its headers (HEAD and the headers are
 * what these tests look at). `text` is sent as the JSON body as it is, for requests that must be
 * malformed.
 */
export function rawRequest(socketPath: string, method: string, path: string, json?: unknown, text?: string): Promise<EngineResponse> {
  return engineRequest({ kind: 'unix', socketPath }, { method, path, ...(json === undefined ? {} : { json }), ...(text === undefined ? {} : { text }) });
}
