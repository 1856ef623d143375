/** `top`: the host's ps, narrowed to a container's processes. */
export { containerProcesses, type ProcessTable } from './process-table.js';
export { topProcesses } from './top.js';
