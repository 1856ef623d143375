import { readFileSync } from 'node:fs';
import type { EngineEndpoint } from '../../src/api/endpoint.js';
import type { ContainerInspect } from '../../src/api/types/containers.js';
import { engineRequest, expectStatus } from '../harness/engine-http.js';

/**
 * The raw Engine API calls the daemon's tests make (node:http, not berth's client): what a Docker
 * client would send, with Docker's statuses checked.
 */
export async function pullImage(endpoint: EngineEndpoint, reference: string): Promise<void> {
  const colon = reference.lastIndexOf(':');
  const query = new URLSearchParams({ fromImage: reference.slice(0, colon), tag: reference.slice(colon + 1) });
  const answer = expectStatus(await engineRequest(endpoint, { method: 'POST', path: `/images/create?${query}`, timeoutMs: 120_000 }), [200], `pull ${reference}`);
  const failed = answer.body.split('\n').find((line) => line.includes('"error"'));
  if (failed) throw new Error(`pull ${reference} failed: ${failed}`);
}

/** `docker run -d`: create, then start; the container's id. */
export async function runDetached(endpoint: EngineEndpoint, body: Record<string, unknown>, name?: string): Promise<string> {
  const path = name === undefined ? '/containers/create' : `/containers/create?name=${encodeURIComponent(name)}`;
  const { Id } = JSON.parse(expectStatus(await engineRequest(endpoint, { method: 'POST', path, json: body }), [201], 'create a container').body) as { Id: string };
  expectStatus(await engineRequest(endpoint, { method: 'POST', path: `/containers/${Id}/start` }), [204], `start container ${Id.slice(0, 12)}`);
  return Id;
}

export async function inspectContainer(endpoint: EngineEndpoint, id: string): Promise<ContainerInspect> {
  return JSON.parse(expectStatus(await engineRequest(endpoint, { method: 'GET', path: `/containers/${id}/json` }), [200], `inspect container ${id.slice(0, 12)}`).body) as ContainerInspect;
}

/** Whether a process runs (a zombie does not count). */
export function processRuns(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The session a process runs in (field 6 of /proc/PID/stat). */
export function sessionOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[6 - 3]);
}
