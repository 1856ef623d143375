import { humanDuration } from '../../format/human-duration.js';

/** `5 minutes ago`: the CREATED column for a container created at `createdSeconds` (Unix seconds). */
export function runningFor(createdSeconds: number, now: number = Date.now()): string {
  return `${humanDuration(now - createdSeconds * 1000)} ago`;
}
