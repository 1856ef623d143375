// Requests per second of one GET over a UNIX socket, for bench/daemon-footprint.ts: `connections`
// keep-alive connections, each sending the next request as soon as the last answer has been read
// whole, for `seconds`. Not an open-loop load: it measures what the engine answers at saturation.
import { Agent, request } from 'node:http';

export interface LoadResult {
  perSecond: number;
  /** Answers other than 200, and requests that failed. */
  failures: number;
  /** Median time of one request, ms. */
  medianMs: number;
}

export async function keepAliveLoad(socketPath: string, path: string, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const get = (): Promise<boolean> =>
    new Promise((resolve) => {
      const call = request({ socketPath, path, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200));
        response.on('error', () => resolve(false));
      });
      call.on('error', () => resolve(false));
      call.end();
    });
  const times: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      if (await get()) times.push(performance.now() - sent);
      else failures += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, client));
  } finally {
    agent.destroy();
  }
  const sorted = times.sort((a, b) => a - b);
  return { perSecond: times.length / ((performance.now() - started) / 1000), failures, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
}
