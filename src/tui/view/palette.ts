import type { ReplicaState } from '../model/replica.js';

/** Colours for the services' log prefixes, in the order Docker Compose hands them out. */
const serviceColours = ['cyan', 'yellow', 'green', 'magenta', 'blue', 'cyanBright', 'yellowBright', 'greenBright', 'magentaBright', 'blueBright'];

export function serviceColour(index: number): string {
  return serviceColours[index % serviceColours.length]!;
}

const stateColours: Record<ReplicaState, string> = {
  created: 'gray',
  starting: 'yellow',
  running: 'green',
  healthy: 'green',
  unhealthy: 'red',
  exited: 'gray',
  restarting: 'yellow',
  paused: 'gray',
  removing: 'gray',
  dead: 'red',
};

export function stateColour(state: ReplicaState, exitCode?: number): string {
  return (state === 'exited' || state === 'dead') && exitCode !== 0 ? 'red' : stateColours[state];
}

/** A `color` prop, or none when colours are off (NO_COLOR, --ansi never). */
export function paint(colour: boolean, name: string | undefined): { color?: string } {
  return colour && name ? { color: name } : {};
}
