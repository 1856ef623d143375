import { ComposeError } from '../compose-error.js';

/** Two services cannot both set the same `container_name`. */
export function checkContainerNames(services: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
  const owners = new Map<string, string>();
  for (const name of Object.keys(services).sort()) {
    const containerName = services[name]!.container_name;
    if (typeof containerName !== 'string') continue;
    const owner = owners.get(containerName);
    if (owner) {
      throw new ComposeError({
        code: 'COMPOSE_DUPLICATE_CONTAINER_NAME',
        message: `container name "${containerName}" is already in use by service "${owner}"`,
        path: ['services', name, 'container_name'],
        hint: `give service "${name}" another container_name, or remove it to let berth name the container`,
      });
    }
    owners.set(containerName, name);
  }
}
