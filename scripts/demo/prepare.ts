// `npm run demo`'s engine and images: run by scripts/demo.sh as `node --import tsx scripts/demo/prepare.ts`.
// With Docker Hub in reach, berth's engine pulls the real postgres:15 and node:18-slim. Without it
// (our machines reach only npm and Debian), the two are made from Debian packages (the test
// fixtures, cached in /var/cache/berth/fixtures), served by a local docker-registry, and berth's
// engine is started with that registry as its Docker Hub mirror (DESIGN.md section 7), so the
// example's compose file names the images exactly as a user writes them.
import { exampleImages, type ExampleImage } from '../../test/harness/example-images.js';
import { buildFixture } from '../../test/harness/fixtures/build-fixture.js';
import { pushFixture } from '../../test/harness/fixtures/push-fixture.js';
import { dockerHubReachable } from './docker-hub.js';
import { ensureDemoEngine } from './demo-engine.js';
import { demoRegistryHost, ensureDemoRegistry, servedDigest } from './demo-registry.js';

const images: readonly ExampleImage[] = ['postgres:15', 'node:18-slim'];

async function serveOfflineImages(): Promise<string> {
  await ensureDemoRegistry();
  for (const image of images) {
    const fixture = exampleImages[image];
    const [name = image, tag = 'latest'] = image.split(':');
    console.log(`demo: ${image} from Debian packages (the ${fixture} fixture: a few minutes the first time, cached after)`);
    const layout = buildFixture(fixture);
    if ((await servedDigest(`library/${name}`, tag)) === layout.digest) continue;
    await pushFixture({ host: demoRegistryHost, auth: undefined }, fixture, `library/${image}`);
  }
  return `http://${demoRegistryHost}`;
}

const online = await dockerHubReachable();
console.log(online ? 'demo: Docker Hub is reachable; the real images will be pulled' : `demo: Docker Hub is out of reach; serving the images from ${demoRegistryHost}`);
const mirror = online ? undefined : await serveOfflineImages();
console.log(`demo: ${await ensureDemoEngine(images, mirror)}`);
