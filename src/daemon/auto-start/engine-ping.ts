import { request } from 'node:http';

/**
 * Whether berth's daemon answers on the socket: any answer to `GET /_ping` that carries
 * `Api-Version` counts, since the daemon listens only once its engine is open.
 */
export function pingAnswers(socketPath: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const call = request({ socketPath, path: '/_ping', method: 'GET', agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.headers['api-version'] !== undefined);
    });
    call.on('timeout', () => call.destroy());
    call.on('error', () => resolve(false));
    call.end();
  });
}
