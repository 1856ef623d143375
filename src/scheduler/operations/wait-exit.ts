import { BerthError } from '../../errors/index.js';
import type { ComposeSession } from '../contract/session.js';
import { observeContainers, type ObservedContainer } from '../observe/observed-state.js';

export interface ContainerExit {
  container: ObservedContainer;
  exitCode: number;
}

export interface WaitForExitOptions {
  /** Told of each container as it stops, in the order they stop. */
  onExit?: (exit: ContainerExit) => void;
  signal?: AbortSignal;
}

/**
 * `wait`: blocks until every running container of the services (one-off ones included) has
 * stopped, and returns the exit code of the first that stopped. No running container is an
 * error, as in Docker Compose.
 */
export async function waitForExit(session: ComposeSession, services: readonly string[], options: WaitForExitOptions = {}): Promise<{ exitCode: number; exits: ContainerExit[] }> {
  const { client, project } = session;
  const running = (await observeContainers(client, project.name)).filter(
    (container) => services.includes(container.service) && (container.state === 'running' || container.state === 'restarting' || container.state === 'paused'),
  );
  if (running.length === 0) {
    throw new BerthError({
      code: 'NO_CONTAINERS',
      kind: 'not-found',
      message: `no containers for project "${project.name}"`,
      hint: `no container of ${services.join(', ')} is running: start them first (berth up -d)`,
    });
  }
  const exits: ContainerExit[] = [];
  await Promise.all(
    running.map(async (container) => {
      const answer = await client.containers.wait(container.id, { condition: 'not-running', signal: options.signal });
      const exit = { container, exitCode: answer.StatusCode };
      exits.push(exit);
      options.onExit?.(exit);
    }),
  );
  return { exitCode: exits[0]!.exitCode, exits };
}
