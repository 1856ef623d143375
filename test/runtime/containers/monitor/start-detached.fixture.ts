// Run by engine-restart.test.ts as a stand-in engine that is then killed: it creates and starts
// one container under conmon, prints the container's handle, and waits to be killed.
import { ContainerMonitor, type CreateContainerOptions } from '../../../../src/runtime/containers/monitor/index.js';

const [runDirectory = '', optionsJson = '{}'] = process.argv.slice(2);
const monitor = new ContainerMonitor({ runDirectory });
const container = await monitor.create(JSON.parse(optionsJson) as CreateContainerOptions);
await monitor.start(container);
process.stdout.write(`${JSON.stringify(container)}\n`);
setInterval(() => undefined, 60_000); // stay alive until killed
