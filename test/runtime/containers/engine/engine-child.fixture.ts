// Run by engine-restart.test.ts as an engine process that is then killed: it opens an engine on
// the given directories, creates and starts one container, prints its id, and waits to be killed.
import { ContainerEngine } from '../../../../src/runtime/containers/engine/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import type { ContainerCreateRequest } from '../../../../src/api/types/containers.js';

const [stateDirectory = '', runDirectory = '', imagesDirectory = '', cgroupParent = '', requestJson = '{}'] = process.argv.slice(2);
const engine = await ContainerEngine.open({ stateDirectory, runDirectory, images: new ContentStore(imagesDirectory), cgroupParent });
const { Id } = await engine.create(JSON.parse(requestJson) as ContainerCreateRequest);
await engine.start(Id);
process.stdout.write(`${Id}\n`);
setInterval(() => undefined, 60_000); // stay alive until killed
