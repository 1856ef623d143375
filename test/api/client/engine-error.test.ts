import { describe, expect, it } from 'vitest';
import { EngineError, engineErrorFrom } from '../../../src/api/client/engine-error.js';
import { BerthError } from '../../../src/errors/berth-error.js';

const get = { method: 'GET', path: '/v1.41/containers/web/json' };

describe('engineErrorFrom', () => {
  it("carries Docker's message, the status and the request", () => {
    const error = engineErrorFrom(404, '{"message":"No such container: web"}\n', get);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ status: 404, engineMessage: 'No such container: web', method: 'GET', path: get.path, kind: 'not-found', code: 'ENGINE_NOT_FOUND' });
    expect(error.message).toBe('No such container: web (engine answered 404 to GET /v1.41/containers/web/json)');
  });

  it.each([
    [400, 'usage', 'ENGINE_BAD_PARAMETER'],
    [401, 'usage', 'ENGINE_UNAUTHORIZED'],
    [403, 'usage', 'ENGINE_FORBIDDEN'],
    [404, 'not-found', 'ENGINE_NOT_FOUND'],
    [409, 'conflict', 'ENGINE_CONFLICT'],
    [412, 'conflict', 'ENGINE_PRECONDITION_FAILED'],
    [418, 'usage', 'ENGINE_BAD_REQUEST'],
    [500, 'internal', 'ENGINE_INTERNAL'],
    [501, 'usage', 'ENGINE_NOT_IMPLEMENTED'],
    [503, 'unavailable', 'ENGINE_UNAVAILABLE'],
  ] as const)('maps status %i to kind %s (%s)', (status, kind, code) => {
    expect(engineErrorFrom(status, '{"message":"x"}', get)).toMatchObject({ kind, code });
  });

  it('names the container for a bodiless 304 to start or stop', () => {
    const started = engineErrorFrom(304, '', { method: 'POST', path: '/v1.41/containers/demo-web-1/start' });
    expect(started).toMatchObject({ code: 'ENGINE_NOT_MODIFIED', status: 304, engineMessage: 'container demo-web-1 is already started' });
    expect(engineErrorFrom(304, '', { method: 'POST', path: '/v1.41/containers/abc/stop?t=1' }).engineMessage).toBe('container abc is already stopped');
  });

  it('shows a body that is not Docker JSON as it is', () => {
    expect(engineErrorFrom(502, '<html>Bad Gateway</html>', get).engineMessage).toBe('<html>Bad Gateway</html>');
    expect(engineErrorFrom(500, '', get).engineMessage).toBe('no message (HTTP 500)');
  });
});
