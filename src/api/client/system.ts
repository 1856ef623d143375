import type { IncomingMessage } from 'node:http';
import type { PingResult, SystemInfo, VersionResponse } from '../types/system.js';
import { fallbackApiVersion } from './api-version.js';
import type { EngineRequester } from './request.js';

/** connect() sends it without a version prefix, since the version is not known yet; Docker serves both forms. */
export const pingPath = '/_ping';

/** `/_ping`, `/version`, `/info`. */
export class SystemApi {
  constructor(private readonly engine: EngineRequester) {}

  async ping(options: { signal?: AbortSignal } = {}): Promise<PingResult> {
    const response = await this.engine.request({ method: 'GET', path: pingPath, signal: options.signal });
    response.resume();
    return pingResultOf(response);
  }

  version(): Promise<VersionResponse> {
    return this.engine.requestJson({ method: 'GET', path: '/version' });
  }

  info(): Promise<SystemInfo> {
    return this.engine.requestJson({ method: 'GET', path: '/info' });
  }
}

/** Reads the ping headers (Node lower-cases them: `api-version`, `ostype`, ...). */
export function pingResultOf(response: IncomingMessage): PingResult {
  const header = (name: string): string | undefined => {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    apiVersion: header('api-version') ?? fallbackApiVersion,
    server: header('server'),
    osType: header('ostype'),
    experimental: header('docker-experimental') === 'true',
    builderVersion: header('builder-version'),
  };
}

/**
 * Whether the engine is berth's own daemon, from the `Server` header every answer carries
 * (`berth/0.1.0 (linux)`; dockerd says `Docker/20.10.24 (linux)`). For the few features only
 * berth's engine has, such as build secrets.
 */
export function isBerthEngine(ping: Pick<PingResult, 'server'>): boolean {
  return /^berth\//i.test(ping.server ?? '');
}
