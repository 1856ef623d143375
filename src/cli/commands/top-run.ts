import { EngineError } from '../../api/index.js';
import { observeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { connectEngine } from '../project-session.js';
import { prettyColumns } from './pretty-columns.js';
import { projectOrName } from './project-or-name.js';

/**
 * `berth top`: the processes of each running container of the project (one-off ones included),
 * in Compose's layout: the container's name, then its `ps` table, then a blank line, containers
 * sorted by name.
 */
export async function runTop(services: string[], global: GlobalOptions): Promise<void> {
  const scope = await projectOrName(global, services);
  const client = await connectEngine(global);
  try {
    const containers = (await observeContainers(client, scope.name))
      .filter((container) => container.state === 'running' || container.state === 'paused' || container.state === 'restarting')
      .filter((container) => services.length === 0 || services.includes(container.service))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const tops = await Promise.all(
      containers.map(async (container) => {
        try {
          return await client.containers.top(container.id);
        } catch (error) {
          // Stopped between the list and this call: nothing runs in it any more.
          if (error instanceof EngineError && (error.code === 'ENGINE_NOT_FOUND' || error.code === 'ENGINE_CONFLICT')) return undefined;
          throw error;
        }
      }),
    );
    const blocks = containers.map((container, index) => {
      const top = tops[index];
      if (!top) return '';
      // Process rows end with a tab in Compose, so their last column is padded too.
      return `${container.name}\n${prettyColumns([top.Titles, ...top.Processes.map((process) => [...process, ''])], 5)}\n`;
    });
    process.stdout.write(blocks.join(''));
  } finally {
    client.close();
  }
}
