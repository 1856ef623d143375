import type { TestEngine } from './docker-engine.js';
import { engineRequest, expectStatus } from './engine-http.js';
import { hasImage } from './fixture-images.js';
import { pushFixture } from './fixtures/push-fixture.js';
import type { FixtureName } from './fixtures/recipes.js';
import type { TestRegistry } from './registry.js';

/**
 * The Docker Hub images the examples name, and the fixture (recipes.ts) each is made from on a
 * machine that reaches no public registry.
 */
export const exampleImages = {
  'postgres:15': 'postgres',
  'node:18-slim': 'node',
  'redis:7': 'redis',
} as const satisfies Record<string, FixtureName>;

export type ExampleImage = keyof typeof exampleImages;

/** Five minutes for a first pull of a Debian-sized image; the first fixture build is longer (see buildFixture). */
const pullTimeoutMs = 5 * 60_000;

/**
 * Gives `engine` the images under the names the examples use (`postgres:15`), so that a compose
 * file written for Docker Hub runs unchanged: each fixture is pushed to the test registry as
 * `library/NAME`, pulled from there, and tagged with the Docker Hub name. An image the engine
 * already has is left alone.
 */
export async function provideExampleImages(engine: TestEngine, registry: TestRegistry, images: readonly ExampleImage[]): Promise<void> {
  for (const image of images) {
    if (await hasImage(engine, image)) continue;
    const [repository = image, tag = 'latest'] = image.split(':');
    const pushed = await pushFixture(registry, exampleImages[image], `library/${image}`);
    const pull = expectStatus(
      await engineRequest(engine.endpoint, { method: 'POST', path: `/images/create?fromImage=${encodeURIComponent(pushed.reference)}`, timeoutMs: pullTimeoutMs }),
      [200],
      `pull ${pushed.reference}`,
    );
    const failure = pull.body.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { error?: string }).find((message) => message.error);
    if (failure) throw new Error(`pulling ${pushed.reference} into the ${engine.name} test engine failed: ${failure.error}`);
    const query = new URLSearchParams({ repo: repository, tag });
    expectStatus(await engineRequest(engine.endpoint, { method: 'POST', path: `/images/${encodeURIComponent(pushed.reference)}/tag?${query}` }), [201], `tag ${pushed.reference} as ${image}`);
  }
}
