// Run by interrupted-start.test.ts as an engine process killed in the middle of a start: it opens
// an engine whose runc is a wrapper that kills this process with SIGKILL at the runc command
// `kill-at` names, creates one container, prints its id, and starts it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContainerEngine } from '../../../../src/runtime/containers/engine/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';

const [stateDirectory = '', runDirectory = '', imagesDirectory = '', cgroupParent = '', runtimePath = '', killAt = '', image = ''] = process.argv.slice(2);
const engine = await ContainerEngine.open({ stateDirectory, runDirectory, images: new ContentStore(imagesDirectory), cgroupParent, runtimePath });
const { Id } = await engine.create({ Image: image, Cmd: ['sleep', '1000'] });
process.stdout.write(`${Id}\n`);
writeFileSync(join(runtimePath, '..', 'kill-at'), `${killAt} ${process.pid}\n`);
await engine.start(Id);
process.stdout.write('the start ended without the kill\n');
