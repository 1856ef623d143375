import type { Operation, Plan } from './operations.js';

/**
 * The plan as stable text, one step per line: `#3 create container demo-db-1 (no container) after #1 #2`.
 * `--dry-run` prints it and planner tests compare it word for word.
 */
export function planText(plan: Plan): string {
  if (plan.operations.length === 0) return 'nothing to do\n';
  return plan.operations.map((operation) => `${operationLine(operation)}\n`).join('');
}

function operationLine(operation: Operation): string {
  const after = operation.after.length > 0 ? ` after ${operation.after.map((id) => `#${id}`).join(' ')}` : '';
  return `#${operation.id} ${describeStep(operation)} (${operation.cause})${after}`;
}

export function describeStep(operation: Operation): string {
  switch (operation.kind) {
    case 'create-network': return `create network ${operation.name}`;
    case 'remove-network': return `remove network ${operation.name}`;
    case 'create-volume': return `create volume ${operation.name}`;
    case 'remove-volume': return `remove volume ${operation.name}`;
    case 'pull-image': return `pull image ${operation.image} for ${operation.service}`;
    case 'build-image': return `build image ${operation.image} for ${operation.service}${operation.ifMissing ? ' unless the pull made it' : ''}`;
    case 'remove-image': return `remove image ${operation.image}`;
    case 'create-container':
      return operation.replaces ? `recreate container ${operation.name} replacing ${operation.replaces.id.slice(0, 12)}` : `create container ${operation.name}`;
    case 'start-container': return `start container ${operation.name}`;
    case 'keep-container': return `keep container ${operation.name}`;
    case 'restart-container': return `restart container ${operation.name}`;
    case 'stop-container': return `stop container ${operation.name}`;
    case 'kill-container': return `kill container ${operation.name} with ${operation.signal}`;
    case 'pause-container': return `pause container ${operation.name}`;
    case 'unpause-container': return `unpause container ${operation.name}`;
    case 'remove-container': return `remove container ${operation.name}${operation.volumes ? ' with its anonymous volumes' : ''}`;
    case 'await-dependency':
      return `wait for ${operation.service} ${conditionWords[operation.condition]}${operation.required ? '' : ' (optional)'}`;
  }
}

const conditionWords = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed successfully',
} as const;
